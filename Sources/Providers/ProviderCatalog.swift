import ChatModel

/// Where a provider lives and how to reach it, as the command line or a config profile says.
public struct ProviderSettings: Sendable, Equatable {
    public var kind: String
    public var baseURL: String
    public var model: String?
    public var apiKey: String?
    /// Provider-specific settings (Dify `user`, PAIS `agent_id`, …), by their config names.
    public var options: [String: String]

    public init(kind: String, baseURL: String, model: String? = nil, apiKey: String? = nil, options: [String: String] = [:]) {
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.options = options
    }
}

/// The provider kinds Parley knows, by the names used on the command line and in config.
public enum ProviderCatalog {
    /// Every kind, in the order help texts list them.
    public static let kinds = ["openai"]

    /// The default model for kinds that need one.
    public static let defaultOpenAIModel = "gpt-4o-mini"

    /// A provider for the settings, or an error that names the unknown kind and the known ones.
    public static func provider(for settings: ProviderSettings) throws -> any ChatProvider {
        switch settings.kind {
        case "openai":
            return OpenAIProvider(
                baseURL: settings.baseURL, model: settings.model ?? defaultOpenAIModel, apiKey: settings.apiKey)
        default:
            throw unknownKind(settings.kind)
        }
    }

    /// A fresh decoder for replaying a kind's recorded responses.
    public static func decoder(for kind: String) throws -> any StreamDecoder {
        switch kind {
        case "openai": return OpenAIDecoder()
        default: throw unknownKind(kind)
        }
    }

    private static func unknownKind(_ kind: String) -> ProviderConfigurationError {
        ProviderConfigurationError(
            "Unknown provider kind \"\(kind)\". Known kinds: \(kinds.joined(separator: ", ")).")
    }
}
