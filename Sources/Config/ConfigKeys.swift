/// The keys a config file may use; anything else is reported, never ignored. README documents each.
enum ConfigKeys {
    /// Top-level keys.
    static let top = [
        "default", "theme", "database", "mouse", "timeouts", "max_event_size", "max_body_size", "keys", "profiles",
    ]

    /// Keys of one profile.
    static let profile = [
        "provider", "base_url", "model", "system_prompt", "stream", "api_key_env", "api_key_command",
        "api_key_command_timeout", "api_key", "ca_file", "insecure_skip_tls_verify", "options",
    ]

    /// Keys under `timeouts`.
    static let timeouts = ["connect", "idle"]
}
