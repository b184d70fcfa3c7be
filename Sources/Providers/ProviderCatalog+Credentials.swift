import ChatModel

extension ProviderCatalog {
    /// Where requests of `kind` carry credentials, as its provider declares them, for requests Parley did
    /// not build (the proxy's): `options` are a profile's (Big Hummingbird's `auth_header_name` names its
    /// key header).
    public static func credentials(forKind kind: String, options: [String: String] = [:]) throws -> CredentialFields {
        switch kind {
        case "openai": return OpenAIProvider(baseURL: "", model: defaultOpenAIModel).credentials
        case "dify": return DifyProvider(baseURL: "").credentials
        case "helix": return HelixProvider(baseURL: "").credentials
        case "hummingbird": return HummingbirdProvider(baseURL: "", authHeaderName: options["auth_header_name"]).credentials
        case "pais": return PAISProvider(baseURL: "", agentID: "").credentials
        default: throw unknownKind(kind)
        }
    }
}
