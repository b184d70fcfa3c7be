import Providers

/// The commented example `parley config init` writes: every setting, and one profile per provider kind,
/// generated from the registry so a new kind appears in it without further work.
public enum ConfigExample {
    /// The example text; `parley config check` passes it (unset key variables are warnings only).
    public static var text: String {
        var lines = [
            "# Parley's configuration. `parley config check` reports mistakes with their line and column;",
            "# `parley providers` lists every provider kind and its options.",
            "",
            "# The profile used when --profile is not given.",
            "default: \(ProviderKind.allCases[0].rawValue)",
            "",
            "# theme: default            # default, light, high-contrast, a name in ~/.config/parley/themes, or a .theme file",
            "# database: ~/.local/share/parley/parley.sqlite",
            "# mouse: true               # clicks and the wheel; false leaves the mouse to the terminal (--no-mouse)",
            "# timeouts:",
            "#   connect: 10              # seconds to connect",
            "#   idle: 60                 # seconds without a byte from the server",
            "# max_event_size: 16M        # the most one streamed event may take",
            "# max_body_size: 64M         # the most a reply that is not a stream may take",
            "# keys:                      # ACTION: KEY (or a list); `parley config check` knows the actions",
            "#   new_conversation: ctrl-t",
            "#   quit: [q, ctrl-q]",
            "",
            "# A profile says where an API is and where its key comes from: api_key_env (an environment",
            "# variable), api_key_command (a command that prints it), or api_key (the key itself, accepted only",
            "# when this file can be read by you alone: chmod 600).",
            "profiles:",
        ]
        for kind in ProviderKind.allCases {
            lines += profile(kind)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func profile(_ kind: ProviderKind) -> [String] {
        let details = kind.details
        var lines = ["", "  # \(details.title): \(details.summary)", "  \(kind.rawValue):"]
        lines.append("    provider: \(kind.rawValue)")
        lines.append("    base_url: \(details.exampleBaseURL)")
        if let model = details.defaultModel { lines.append("    model: \(model)") } else { lines.append("    # model: NAME") }
        let variable = details.keyEnvironmentVariable ?? kind.rawValue.uppercased() + "_API_KEY"
        switch details.credentials {
        case .fields: lines.append("    api_key_env: \(variable)")
        case .headerNamedBy: lines.append("    # api_key_env: \(variable)      # sent in the header auth_header_name names")
        }
        if details.option(accepting: "system") != nil { lines.append("    # system_prompt: You are terse.") }
        lines.append("    # stream: true")
        let options = details.options
        guard !options.isEmpty else { return lines }
        let required = options.filter(\.required)
        lines.append(required.isEmpty ? "    # options:" : "    options:")
        for option in options {
            let name = option.isFamily ? String(option.name.dropLast(5)) + ".example" : option.name
            let value = option.example ?? option.defaultValue.map { $0.contains(" ") ? "\"\($0)\"" : $0 } ?? "VALUE"
            let comment = option.documentation + (option.defaultValue.map { " Default: \($0)." } ?? "")
            let prefix = option.required ? "      " : (required.isEmpty ? "    #   " : "      # ")
            lines.append("\(prefix)\(name): \(value)   # \(comment)")
        }
        return lines
    }
}
