import ChatModel
import Foundation
import Providers

/// Parley's settings from `config.yaml`: the profiles, which one to use by default, and how the workbench
/// looks and behaves.
///
/// No file is a valid state: Parley then starts on its built-in demo.
public struct Configuration: Sendable, Equatable {
    public var profiles: [Profile]
    public var defaultProfile: String?
    public var theme: String?
    /// Where the settings were read from, or `nil` when there was no file.
    public var source: String?
    /// The conversation store's file (`database`), when the file says.
    public var database: String?
    /// Whether the workbench may use the mouse (`mouse`), when the file says.
    public var mouse: Bool?
    /// Seconds allowed to connect, and without a byte from the server (`timeouts.connect`, `timeouts.idle`).
    public var connectTimeout: Double?
    public var idleTimeout: Double?
    /// The most bytes one server-sent event may take (`max_event_size`), when the file says.
    public var maxEventBytes: Int?
    /// The most bytes a response that is not a stream may take (`max_body_size`), when the file says.
    public var maxBodyBytes: Int?
    /// Key bindings as written (`keys:`); the workbench checks them against its actions.
    public var keyBindings: [KeyBindingSetting] = []
    /// Keys written in the file itself (`api_key`), by profile name; only accepted from a file only its owner
    /// can read, and never printed.
    var literalKeys: [String: String] = [:]
    /// Where keys were written, by dotted path (`default`, `profiles.NAME.api_key_env`), for messages.
    var locations: [String: ConfigLocation] = [:]

    public init(profiles: [Profile] = [], defaultProfile: String? = nil, theme: String? = nil, source: String? = nil) {
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.theme = theme
        self.source = source
    }

    /// The config file's path: `$PARLEY_CONFIG`, else `$XDG_CONFIG_HOME/parley/config.yaml`, else
    /// `~/.config/parley/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["PARLEY_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/parley/config.yaml"
    }

    /// Reads the file at `path`. A missing file gives an empty configuration; an unreadable or invalid one
    /// is an error naming the file, the line and column of each problem, and what to do. `checks` adds
    /// problems only a higher layer can see (key bindings against the workbench's actions).
    public static func load(
        path: String, checks: (Configuration) -> [ConfigProblem] = { _ in [] }
    ) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: path) else { return Configuration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("Cannot read \(path): check its permissions.")
        }
        let (configuration, problems) = read(String(decoding: data, as: UTF8.self), source: path)
        let all = sorted(problems + checks(configuration))
        guard all.isEmpty else { throw ConfigError(problems: all) }
        try configuration.checkKeyFilePermissions(path: path)
        return configuration
    }

    /// Parses config text; `source` names it in errors. Every problem is reported at once.
    public static func parse(_ text: String, source: String) throws -> Configuration {
        let (configuration, problems) = read(text, source: source)
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return configuration
    }

    /// What could be read from config text, and every problem found in it, in the order of the file.
    public static func read(_ text: String, source: String) -> (Configuration, [ConfigProblem]) {
        var reader = ConfigReader(source: source)
        reader.read(text)
        return (reader.configuration, sorted(reader.problems))
    }

    private static func sorted(_ problems: [ConfigProblem]) -> [ConfigProblem] {
        problems.enumerated().sorted { a, b in
            let left = (a.element.location?.line ?? 0, a.element.location?.column ?? 0, a.offset)
            let right = (b.element.location?.line ?? 0, b.element.location?.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    /// Refuses a literal `api_key` in a file that others can read, with the command that fixes it.
    func checkKeyFilePermissions(path: String) throws {
        guard let name = literalKeys.keys.sorted().first else { return }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value, mode & 0o077 != 0
        else { return }
        throw ConfigError(problems: [ConfigProblem(
            .error, file: path, at: locations["profiles.\(name).api_key"],
            "profile \"\(name)\" has a literal api_key, but the file can be read by others (mode \(String(mode & 0o777, radix: 8))). "
                + "Run: chmod 600 \(path)  (or use api_key_env or api_key_command instead)")])
    }

    /// Things worth knowing that do not stop Parley: environment variables named by `api_key_env` that are not
    /// set, and profiles that skip TLS checks.
    public func warnings(environment: [String: String]) -> [ConfigProblem] {
        let file = source ?? "config"
        let unset: [ConfigProblem] = profiles.compactMap { profile in
            guard let variable = profile.apiKeyEnv, (environment[variable] ?? "").isEmpty else { return nil }
            return ConfigProblem(
                .warning, file: file, at: locations["profiles.\(profile.name).api_key_env"],
                "profile \"\(profile.name)\" reads its key from $\(variable), which is not set; export it before using this profile")
        }
        let insecure: [ConfigProblem] = profiles.filter(\.insecureSkipTLSVerify).map { profile in
            ConfigProblem(
                .warning, file: file, at: locations["profiles.\(profile.name).insecure_skip_tls_verify"],
                "profile \"\(profile.name)\" skips TLS checks: anyone on the path can read its traffic, keys included; use ca_file to trust a private CA instead")
        }
        return Self.sorted(unset + insecure)
    }

    /// The profile to use: the named one, else the default, else the only one; `nil` when there are none.
    public func profile(named name: String?) throws -> Profile? {
        if let name {
            guard let profile = profiles.first(where: { $0.name == name }) else {
                let names = profiles.map(\.name)
                let known = names.isEmpty ? "there are none" : "known: " + names.joined(separator: ", ")
                throw ConfigError("No profile named \"\(name)\"\(NearestName.hint(for: name, among: names)) (\(known)).")
            }
            return profile
        }
        if let defaultProfile { return profiles.first { $0.name == defaultProfile } }
        return profiles.count == 1 ? profiles[0] : profiles.first
    }

    /// Provider settings for `profile`, with its key from the file or the environment (never printed).
    public func settings(for profile: Profile, environment: [String: String]) throws -> ProviderSettings {
        var settings = try profile.settings(environment: environment)
        if let key = literalKeys[profile.name] { settings.apiKey = key }
        return settings
    }
}

/// One `keys:` entry as written: an action name and the keys bound to it, with where they are.
public struct KeyBindingSetting: Sendable, Equatable {
    public var action: String
    public var keys: [String]
    public var actionAt: ConfigLocation?
    public var keysAt: ConfigLocation?

    public init(action: String, keys: [String], actionAt: ConfigLocation? = nil, keysAt: ConfigLocation? = nil) {
        self.action = action
        self.keys = keys
        self.actionAt = actionAt
        self.keysAt = keysAt
    }
}
