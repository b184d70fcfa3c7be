import ChatModel

extension DifyProvider: RegisteredProvider {
    public static let registryEntry = ProviderDescription(
        title: "Dify", summary: "Dify chat, agent and chatflow apps through the Service API ({base_url}/chat-messages).",
        conversationNoun: "conversation",
        options: [
            ProviderOption("user", "The end-user id sent with every call; it scopes conversations on the server.", default: "parley", example: "alice"),
            ProviderOption("auto_generate_name", "true or false: ask Dify to title new conversations.", default: "Dify's own default", example: "true"),
            ProviderOption("workflow_id", "Chatflow apps: pin a published workflow version.", example: "WORKFLOW_ID"),
            ProviderOption("inputs.NAME", "An app variable sent in inputs (inputs.city: Paris).", example: "Paris"),
        ],
        credentials: .fields(.authorization),
        capabilities: [.sessions, .blocking, .stop, .historyPull, .remoteRename, .remoteDelete],
        demo: DemoEndpoint(path: "/v1", apiKey: "app-demo", options: ["user": "demo"]),
        exampleBaseURL: "https://api.dify.ai/v1",
        turnRoute: TurnRoute(suffixes: ["/chat-messages", "/completion-messages", "/workflows/run"]),
        conversationField: "conversation_id")

    public init(settings: ProviderSettings) throws {
        self.init(
            baseURL: settings.baseURL, apiKey: settings.apiKey, user: settings.options["user"] ?? "parley",
            inputs: Dictionary(uniqueKeysWithValues: settings.options(prefixed: "inputs.")),
            autoGenerateName: try settings.flag("auto_generate_name"), workflowID: settings.options["workflow_id"])
    }

    public static func replayDecoder() -> any StreamDecoder { DifyDecoder() }
}
