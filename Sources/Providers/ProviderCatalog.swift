import ChatModel

/// Where a provider lives and how to reach it, as the command line or a config profile says.
public struct ProviderSettings: Sendable, Equatable {
    public var kind: String
    public var baseURL: String
    public var model: String?
    public var apiKey: String?
    /// Provider-specific settings by their config names (`user`, `agent_id`, `inputs.NAME`, `var.NAME`, …).
    public var options: [String: String]

    public init(kind: String, baseURL: String, model: String? = nil, apiKey: String? = nil, options: [String: String] = [:]) {
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.options = options
    }

    /// The options whose names start with `prefix`, with the prefix removed, sorted by name.
    func options(prefixed prefix: String) -> [(String, String)] {
        options.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
            .sorted { $0.0 < $1.0 }
    }

    /// Whether runs ask for a stream (the `stream` option, true by default) or one blocking reply.
    public func streams() throws -> Bool {
        try flag("stream") ?? true
    }

    func flag(_ name: String) throws -> Bool? {
        guard let value = options[name] else { return nil }
        switch value.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw ProviderConfigurationError("Option \(name) must be true or false (got \"\(value)\").")
        }
    }
}

/// Builds providers and decoders by kind name, from the registry (`ProviderKind`).
public enum ProviderCatalog {
    /// Every kind, in the order help texts list them.
    public static var kinds: [String] { ProviderKind.names }

    /// The model asked for when an OpenAI-compatible profile names none.
    public static var defaultOpenAIModel: String { ProviderKind.openai.details.defaultModel ?? "" }

    /// A provider for the settings, or an error that names what is unknown or missing.
    public static func provider(for settings: ProviderSettings) throws -> any ChatProvider {
        let kind = try ProviderKind.named(settings.kind)
        try checkOptions(settings, kind: kind)
        return try kind.registration.init(settings: settings)
    }

    /// A fresh decoder for replaying a kind's recorded responses.
    public static func decoder(for kind: String) throws -> any StreamDecoder {
        try ProviderKind.named(kind).registration.replayDecoder()
    }

    /// The settings the demo uses for a kind, with the fixture server at `root`.
    public static func demoSettings(kind name: String, root: String) throws -> ProviderSettings {
        let demo = try ProviderKind.named(name).details.demo
        return ProviderSettings(kind: name, baseURL: root + demo.path, model: demo.model, apiKey: demo.apiKey, options: demo.options)
    }

    private static func checkOptions(_ settings: ProviderSettings, kind: ProviderKind) throws {
        let details = kind.details
        let known = details.allOptions.map(\.name)
        for name in settings.options.keys.sorted() where details.option(accepting: name) == nil {
            throw ProviderConfigurationError(
                "Unknown option \"\(name)\" for a \(kind.rawValue) provider\(NearestName.hint(for: name, among: known)); "
                    + "it takes " + known.joined(separator: ", ") + ".")
        }
    }
}
