/// The config file as written on disk (`config.yaml`): a wire DTO, mapped to `Profile` in `Profile+Settings.swift`.
struct ConfigFile: Decodable {
    var defaultProfile: String?
    var theme: String?
    var profiles: [String: ProfileEntry]?
    var maxEventSize: String?
    var maxBodySize: String?

    enum CodingKeys: String, CodingKey {
        case defaultProfile = "default"
        case theme
        case profiles
        case maxEventSize = "max_event_size"
        case maxBodySize = "max_body_size"
    }

    struct ProfileEntry: Decodable {
        var provider: String
        var baseURL: String
        var model: String?
        var apiKeyEnv: String?
        var apiKeyCommand: String?
        var apiKeyCommandTimeout: Double?
        var caFile: String?
        var insecureSkipTLSVerify: Bool?
        var options: [String: String]?

        enum CodingKeys: String, CodingKey {
            case provider
            case baseURL = "base_url"
            case model
            case apiKeyEnv = "api_key_env"
            case apiKeyCommand = "api_key_command"
            case apiKeyCommandTimeout = "api_key_command_timeout"
            case caFile = "ca_file"
            case insecureSkipTLSVerify = "insecure_skip_tls_verify"
            case options
        }
    }
}
