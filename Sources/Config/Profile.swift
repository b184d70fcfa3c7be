import Providers

/// A named way to reach one API: which provider, where, and where its key comes from (never the key).
public struct Profile: Sendable, Equatable {
    public var name: String
    public var provider: String
    public var baseURL: String
    public var model: String?
    /// The environment variable that holds the API key.
    public var apiKeyEnv: String?
    /// A shell command that prints a fresh key or token (for short-lived OIDC tokens).
    public var apiKeyCommand: String?
    public var options: [String: String]

    public init(
        name: String, provider: String, baseURL: String, model: String? = nil, apiKeyEnv: String? = nil,
        apiKeyCommand: String? = nil, options: [String: String] = [:]
    ) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyCommand = apiKeyCommand
        self.options = options
    }

    /// Provider settings with the key read from the environment; a missing variable is an error that says
    /// which profile wants which variable.
    public func settings(environment: [String: String]) throws -> ProviderSettings {
        var key: String?
        if let apiKeyEnv {
            guard let value = environment[apiKeyEnv], !value.isEmpty else {
                throw ConfigError(
                    "Profile \"\(name)\" reads its API key from $\(apiKeyEnv), which is not set. Export it, or change api_key_env.")
            }
            key = value
        }
        return ProviderSettings(kind: provider, baseURL: baseURL, model: model, apiKey: key, options: options)
    }
}

extension ConfigFile.ProfileEntry {
    func profile(named name: String) -> Profile {
        Profile(
            name: name, provider: provider, baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv,
            apiKeyCommand: apiKeyCommand, options: options ?? [:])
    }
}
