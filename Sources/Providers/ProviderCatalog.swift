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

/// The provider kinds Parley knows, by the names used on the command line and in config.
public enum ProviderCatalog {
    /// Every kind, in the order help texts list them.
    public static let kinds = ["openai", "dify", "helix", "hummingbird", "pais"]

    /// The model asked for when an OpenAI-compatible profile names none.
    public static let defaultOpenAIModel = "gpt-4o-mini"

    /// The options each kind understands, for help texts and for rejecting typos.
    public static let options: [String: [String]] = [
        "openai": [],
        "dify": ["user", "auto_generate_name", "workflow_id", "inputs.NAME"],
        "helix": ["app_id", "assistant_id", "provider", "system", "type"],
        "hummingbird": ["auth_header_name", "var.NAME"],
        "pais": ["agent_id", "endpoint"],
    ]

    /// Options every kind takes: `stream` (true by default; false asks for one blocking reply).
    public static let commonOptions = ["stream"]

    /// A provider for the settings, or an error that names what is unknown or missing.
    public static func provider(for settings: ProviderSettings) throws -> any ChatProvider {
        try checkOptions(settings)
        let options = settings.options
        switch settings.kind {
        case "openai":
            return OpenAIProvider(
                baseURL: settings.baseURL, model: settings.model ?? defaultOpenAIModel, apiKey: settings.apiKey)
        case "dify":
            return DifyProvider(
                baseURL: settings.baseURL, apiKey: settings.apiKey, user: options["user"] ?? "parley",
                inputs: Dictionary(uniqueKeysWithValues: settings.options(prefixed: "inputs.")),
                autoGenerateName: try settings.flag("auto_generate_name"), workflowID: options["workflow_id"])
        case "helix":
            return HelixProvider(
                baseURL: settings.baseURL, apiKey: settings.apiKey, appID: options["app_id"],
                assistantID: options["assistant_id"], model: settings.model, providerName: options["provider"],
                system: options["system"], sessionType: options["type"])
        case "hummingbird":
            let header = options["auth_header_name"]
            return HummingbirdProvider(
                baseURL: settings.baseURL,
                variables: settings.options(prefixed: "var.").map { HummingbirdProvider.Variable(key: $0.0, value: $0.1) },
                authHeaderName: header, authHeaderValue: header == nil ? nil : settings.apiKey)
        case "pais":
            guard let agent = options["agent_id"], !agent.isEmpty else {
                throw ProviderConfigurationError("A pais profile needs the option agent_id (the agent's id in PAIS).")
            }
            let endpointName = options["endpoint"] ?? PAISProvider.Endpoint.assistants.rawValue
            guard let endpoint = PAISProvider.Endpoint(rawValue: endpointName) else {
                throw ProviderConfigurationError("Option endpoint must be assistants or agents (got \"\(endpointName)\").")
            }
            return PAISProvider(
                baseURL: settings.baseURL, agentID: agent, token: settings.apiKey, endpoint: endpoint, model: settings.model)
        default:
            throw unknownKind(settings.kind)
        }
    }

    /// A fresh decoder for replaying a kind's recorded responses.
    public static func decoder(for kind: String) throws -> any StreamDecoder {
        switch kind {
        case "openai": return OpenAIDecoder()
        case "dify": return DifyDecoder()
        case "helix": return HelixDecoder()
        case "hummingbird": return HummingbirdDecoder()
        case "pais": return PAISDecoder()
        default: throw unknownKind(kind)
        }
    }

    private static func checkOptions(_ settings: ProviderSettings) throws {
        guard let specific = options[settings.kind] else { throw unknownKind(settings.kind) }
        let known = specific + commonOptions
        for name in settings.options.keys {
            let accepted = known.contains { $0.hasSuffix(".NAME") ? name.hasPrefix($0.dropLast(4)) : $0 == name }
            if !accepted {
                let list = known.isEmpty ? "it takes none" : "it takes " + known.joined(separator: ", ")
                throw ProviderConfigurationError("Unknown option \"\(name)\" for a \(settings.kind) provider; \(list).")
            }
        }
    }

    static func unknownKind(_ kind: String) -> ProviderConfigurationError {
        ProviderConfigurationError(
            "Unknown provider kind \"\(kind)\". Known kinds: \(kinds.joined(separator: ", ")).")
    }
}
