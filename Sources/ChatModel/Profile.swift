/// A named way to reach one API: which provider, where, and where its key comes from (never the key).
///
/// The config file defines profiles and the store remembers which were used, so both speak of the same
/// type; neither holds a secret: a profile only names the environment variable or command that yields one.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// The provider kind (`openai`, `dify`, `helix`, …).
    public var provider: String
    public var baseURL: String
    public var model: String?
    /// The environment variable that holds the API key.
    public var apiKeyEnv: String?
    /// A shell command that prints a fresh key or token (for short-lived OIDC tokens).
    public var apiKeyCommand: String?
    /// Seconds `apiKeyCommand` may run before it is killed.
    public var apiKeyCommandTimeout: Double
    /// A PEM file of CA certificates to trust for this profile (a private CA).
    public var caFile: String?
    /// Skip TLS certificate checks for this profile; only ever set explicitly, and warned about.
    public var insecureSkipTLSVerify: Bool
    /// Provider-specific settings by their config names (`user`, `agent_id`, `inputs.NAME`, `var.NAME`, …).
    public var options: [String: String]

    public init(
        name: String, provider: String, baseURL: String, model: String? = nil, apiKeyEnv: String? = nil,
        apiKeyCommand: String? = nil, options: [String: String] = [:], apiKeyCommandTimeout: Double = 10,
        caFile: String? = nil, insecureSkipTLSVerify: Bool = false
    ) {
        self.apiKeyCommandTimeout = apiKeyCommandTimeout
        self.caFile = caFile
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyCommand = apiKeyCommand
        self.options = options
    }
}
