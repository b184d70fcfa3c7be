import ChatModel

/// Everything Parley knows about one provider kind, in one place: its options with their documentation,
/// where its requests carry credentials, what it supports, and where the demo server answers it.
///
/// Config checking, `--help`, `parley providers`, the demo and the companion commands all read this.
public struct ProviderDescription: Sendable {
    /// The product's name in messages (`Big Hummingbird`).
    public var title: String
    /// One line on what the kind talks to.
    public var summary: String
    /// What the server calls a conversation (`conversation`, `chat session`), for messages.
    public var conversationNoun: String
    /// The kind's own options (the common ones, `ProviderOption.common`, come on top).
    public var options: [ProviderOption]
    /// Where requests carry the key.
    public var credentials: CredentialPlacement
    public var capabilities: Set<ProviderCapability>
    /// Where the built-in fixture server answers this kind, and what a demo profile sets.
    public var demo: DemoEndpoint
    /// The model asked for when a profile names none, if the API needs one.
    public var defaultModel: String?
    /// The environment variable read for the key when `--base-url` is given without `--api-key-env`.
    public var keyEnvironmentVariable: String?
    /// A base URL for the commented example config.
    public var exampleBaseURL: String
    /// Where the kind takes a turn, for telling a turn from other calls in requests Parley did not build (the proxy's).
    public var turnRoute: TurnRoute
    /// The request body field that names the server-side conversation a turn continues, if the API has one.
    public var conversationField: String?

    public init(
        title: String, summary: String, conversationNoun: String, options: [ProviderOption],
        credentials: CredentialPlacement, capabilities: Set<ProviderCapability>, demo: DemoEndpoint,
        exampleBaseURL: String, turnRoute: TurnRoute, conversationField: String? = nil, defaultModel: String? = nil,
        keyEnvironmentVariable: String? = nil
    ) {
        self.turnRoute = turnRoute
        self.conversationField = conversationField
        self.title = title
        self.summary = summary
        self.conversationNoun = conversationNoun
        self.options = options
        self.credentials = credentials
        self.capabilities = capabilities
        self.demo = demo
        self.exampleBaseURL = exampleBaseURL
        self.defaultModel = defaultModel
        self.keyEnvironmentVariable = keyEnvironmentVariable
    }

    /// The kind's options and the common ones, in the order `parley providers` lists them.
    public var allOptions: [ProviderOption] { options + ProviderOption.common }

    /// The options a profile must set.
    public var requiredOptions: [ProviderOption] { allOptions.filter(\.required) }

    public func supports(_ capability: ProviderCapability) -> Bool { capabilities.contains(capability) }

    /// The option that accepts `name` (`inputs.city` is accepted by `inputs.NAME`), if any.
    public func option(accepting name: String) -> ProviderOption? {
        allOptions.first { $0.accepts(name) }
    }
}

/// One provider option: its config name, what it does, and its default.
public struct ProviderOption: Sendable, Equatable {
    /// The name in config and `-o NAME=VALUE`; a name ending in `.NAME` is a family (`inputs.NAME`).
    public var name: String
    public var documentation: String
    /// The value used when the option is not set, in words; `nil` when there is none.
    public var defaultValue: String?
    public var required: Bool
    /// A value for the commented example config.
    public var example: String?

    public init(_ name: String, _ documentation: String, default defaultValue: String? = nil, required: Bool = false, example: String? = nil) {
        self.name = name
        self.documentation = documentation
        self.defaultValue = defaultValue
        self.required = required
        self.example = example
    }

    /// True when `name` is this option, or a member of this family.
    public func accepts(_ candidate: String) -> Bool {
        guard isFamily else { return candidate == name }
        let prefix = name.dropLast(4)
        return candidate.hasPrefix(prefix) && candidate.count > prefix.count
    }

    /// True for `prefix.NAME` options.
    public var isFamily: Bool { name.hasSuffix(".NAME") }

    /// Options every kind takes.
    public static let common = [
        ProviderOption("stream", "true streams the reply as it is written; false asks for one blocking reply.", default: "true"),
    ]
}

/// What a kind can do beyond sending a turn; commands that need a capability say which kinds have it.
public enum ProviderCapability: String, Sendable, CaseIterable, Comparable {
    case sessions = "server-side sessions"
    case blocking = "blocking replies"
    case stop = "stop on the server"
    case historyPull = "history pull"
    case remoteRename = "remote rename"
    case remoteDelete = "remote delete"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where a kind's requests carry the key.
public enum CredentialPlacement: Sendable, Equatable {
    /// Always the same fields (`Authorization`).
    case fields(CredentialFields)
    /// A header whose name an option gives (Big Hummingbird's `auth_header_name`); no key without it.
    case headerNamedBy(option: String)

    /// The fields for a profile with these options.
    public func fields(options: [String: String]) -> CredentialFields {
        switch self {
        case .fields(let fields): return fields
        case .headerNamedBy(let option):
            guard let name = options[option], !name.isEmpty else { return .none }
            return CredentialFields(headers: [name])
        }
    }

    /// In words, for `parley providers`.
    public var text: String {
        switch self {
        case .fields(let fields):
            let parts = fields.headers.map { "header \($0)" } + fields.queryParameters.map { "query parameter \($0)" }
                + fields.bodyFields.map { "body field \($0)" }
            return parts.isEmpty ? "none" : parts.joined(separator: ", ")
        case .headerNamedBy(let option): return "the header named by \(option)"
        }
    }
}

/// Where the built-in fixture server answers a kind, and the settings a demo profile uses.
public struct DemoEndpoint: Sendable, Equatable {
    /// Appended to the server's root (`/v1`, `/bh`, or empty).
    public var path: String
    public var model: String?
    public var apiKey: String?
    public var options: [String: String]

    public init(path: String, model: String? = nil, apiKey: String? = nil, options: [String: String] = [:]) {
        self.path = path
        self.model = model
        self.apiKey = apiKey
        self.options = options
    }
}

/// The paths where a kind takes a turn: one of `suffixes` at the end, with one of `containing` (if any) in it.
public struct TurnRoute: Sendable, Equatable {
    public var suffixes: [String]
    public var containing: [String]
    /// True for a route other kinds' paths can also match (OpenAI's `/chat/completions`): tried last.
    public var isFallback: Bool

    public init(suffixes: [String], containing: [String] = [], isFallback: Bool = false) {
        self.suffixes = suffixes
        self.containing = containing
        self.isFallback = isFallback
    }

    /// True when `path` (without its query or a trailing slash) is this route.
    public func matches(_ path: String) -> Bool {
        suffixes.contains { path.hasSuffix($0) } && (containing.isEmpty || containing.contains { path.contains($0) })
    }
}
