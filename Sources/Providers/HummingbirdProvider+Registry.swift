import ChatModel

extension HummingbirdProvider: RegisteredProvider {
    public static let registryEntry = ProviderDescription(
        title: "Big Hummingbird", summary: "A Big Hummingbird deployment: a chat session, then one invoke per turn.",
        conversationNoun: "chat session",
        options: [
            ProviderOption("auth_header_name", "The deployment's key header; the key is sent in it.", default: "no key", example: "X-Bird-Key"),
            ProviderOption("var.NAME", "A variable for new chat sessions (var.country: France).", example: "France"),
        ],
        credentials: .headerNamedBy(option: "auth_header_name"),
        capabilities: [.sessions, .blocking, .remoteDelete],
        demo: DemoEndpoint(path: "/bh", options: ["var.country": "France"]),
        exampleBaseURL: "https://bird.example.com/deployments/DEPLOYMENT",
        turnRoute: TurnRoute(suffixes: ["/invoke"]), conversationField: "chat_session_id")

    public init(settings: ProviderSettings) throws {
        let header = settings.options["auth_header_name"]
        self.init(
            baseURL: settings.baseURL,
            variables: settings.options(prefixed: "var.").map { Variable(key: $0.0, value: $0.1) },
            authHeaderName: header, authHeaderValue: header == nil ? nil : settings.apiKey)
    }

    public static func replayDecoder() -> any StreamDecoder { HummingbirdDecoder() }
}
