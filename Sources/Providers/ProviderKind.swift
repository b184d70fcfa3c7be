import ChatModel

/// Every provider kind Parley speaks: the one registry.
///
/// Adding a kind is a new case here and a type that implements `RegisteredProvider`; the compiler then points
/// at `registration`, the one switch that names the types.
public enum ProviderKind: String, Sendable, CaseIterable {
    case openai
    case dify
    case helix
    case hummingbird
    case pais

    /// The type that speaks this kind.
    public var registration: any RegisteredProvider.Type {
        switch self {
        case .openai: return OpenAIProvider.self
        case .dify: return DifyProvider.self
        case .helix: return HelixProvider.self
        case .hummingbird: return HummingbirdProvider.self
        case .pais: return PAISProvider.self
        }
    }

    /// What the kind is, takes and supports.
    public var details: ProviderDescription { registration.registryEntry }

    /// Every kind's name, in the order help texts list them.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The kind named `name`, or an error that lists the known kinds and suggests the nearest one.
    public static func named(_ name: String) throws -> ProviderKind {
        guard let kind = ProviderKind(rawValue: name) else { throw unknown(name) }
        return kind
    }

    /// The error for a kind Parley does not know.
    public static func unknown(_ name: String) -> ProviderConfigurationError {
        ProviderConfigurationError(
            "Unknown provider kind \"\(name)\"\(NearestName.hint(for: name, among: names)). Known kinds: "
                + names.joined(separator: ", ") + ".")
    }

    /// The kinds that have `capability`, for messages that say where to turn instead.
    public static func supporting(_ capability: ProviderCapability) -> [ProviderKind] {
        allCases.filter { $0.details.supports(capability) }
    }
}

/// A provider type as the registry knows it: its description, how it is built from settings, its decoder,
/// and (as `CredentialChecking`) how `parley doctor` checks a key.
public protocol RegisteredProvider: CredentialChecking {
    /// The kind's description (options, credentials, capabilities, demo).
    static var registryEntry: ProviderDescription { get }
    /// A provider from checked settings (`ProviderCatalog.provider(for:)` checks option names first).
    init(settings: ProviderSettings) throws
    /// A fresh decoder for replaying recorded responses.
    static func replayDecoder() -> any StreamDecoder
}
