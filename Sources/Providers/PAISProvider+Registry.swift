import ChatModel

extension PAISProvider: RegisteredProvider {
    public static let registryEntry = ProviderDescription(
        title: "VMware Private AI", summary: "VMware Private AI Services agents (OpenAI-compatible agent chat completions).",
        conversationNoun: "agent session",
        options: [
            ProviderOption("agent_id", "The agent's id in PAIS.", required: true, example: "AGENT_ID"),
            ProviderOption("endpoint", "assistants or agents: which of the two equivalent paths the server serves.", default: "assistants"),
        ],
        credentials: .fields(.authorization), capabilities: [.sessions, .blocking],
        demo: DemoEndpoint(path: "", apiKey: "demo-token", options: ["agent_id": "demo-agent"]),
        exampleBaseURL: "https://pais.example.com",
        turnRoute: TurnRoute(suffixes: ["/chat/completions"], containing: ["/assistants/", "/agents/"]),
        conversationField: "store_in_session")

    public init(settings: ProviderSettings) throws {
        guard let agent = settings.options["agent_id"], !agent.isEmpty else {
            throw ProviderConfigurationError("A pais profile needs the option agent_id (the agent's id in PAIS).")
        }
        let endpointName = settings.options["endpoint"] ?? Endpoint.assistants.rawValue
        guard let endpoint = Endpoint(rawValue: endpointName) else {
            throw ProviderConfigurationError("Option endpoint must be assistants or agents (got \"\(endpointName)\").")
        }
        self.init(baseURL: settings.baseURL, agentID: agent, token: settings.apiKey, endpoint: endpoint, model: settings.model)
    }

    public static func replayDecoder() -> any StreamDecoder { PAISDecoder() }
}
