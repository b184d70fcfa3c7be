/// The keys a config file may use, with what each means; anything else is reported, never ignored.
enum ConfigKeys {
    /// Top-level keys.
    static let top: [(name: String, meaning: String)] = [
        ("default", "the profile used when --profile is not given"),
        ("theme", "a theme name or a .theme file"),
        ("database", "the conversation store's file"),
        ("mouse", "true or false: let the workbench use the mouse"),
        ("timeouts", "connect and idle, in seconds"),
        ("max_event_size", "the most bytes one streamed event may take, such as 16M"),
        ("max_body_size", "the most bytes a reply that is not a stream may take, such as 64M"),
        ("keys", "key bindings: ACTION: KEY or a list of keys"),
        ("profiles", "named endpoints"),
    ]

    /// Keys of one profile.
    static let profile: [(name: String, meaning: String)] = [
        ("provider", "the provider kind"),
        ("base_url", "the API root"),
        ("model", "the model to ask for"),
        ("system_prompt", "a system prompt for new conversations"),
        ("stream", "true streams replies, false asks for one blocking reply"),
        ("api_key_env", "the environment variable holding the key"),
        ("api_key_command", "a command that prints the key"),
        ("api_key_command_timeout", "seconds api_key_command may run"),
        ("api_key", "the key itself (only in a file only you can read)"),
        ("ca_file", "a PEM file of CA certificates to trust"),
        ("insecure_skip_tls_verify", "skip TLS checks (never in production)"),
        ("options", "provider-specific options"),
    ]

    /// Keys under `timeouts`.
    static let timeouts = ["connect", "idle"]
}
