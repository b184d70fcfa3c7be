import ChatModel
import Providers

/// How a config profile becomes provider settings.
extension Profile {
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
