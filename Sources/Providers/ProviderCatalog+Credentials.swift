import ChatModel

extension ProviderCatalog {
    /// Where requests of `kind` carry credentials, from the registry, for requests Parley did not build (the
    /// proxy's): `options` are a profile's (Big Hummingbird's `auth_header_name` names its key header).
    public static func credentials(forKind kind: String, options: [String: String] = [:]) throws -> CredentialFields {
        try ProviderKind.named(kind).details.credentials.fields(options: options)
    }
}
