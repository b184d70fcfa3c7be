import ChatModel

extension HelixProvider: RegisteredProvider {
    public static let registryEntry = ProviderDescription(
        title: "Helix", summary: "Helix sessions ({base_url}/api/v1/sessions/chat), plain models or Helix apps and agents.",
        conversationNoun: "session",
        options: [
            ProviderOption("app_id", "A Helix app to talk to (app_…).", example: "app_ID"),
            ProviderOption("assistant_id", "Which of the app's assistants answers.", example: "0"),
            ProviderOption("provider", "A provider name or pe_… provider-endpoint id.", example: "openai"),
            ProviderOption("system", "The system prompt for new sessions.", example: "You are terse."),
            ProviderOption("type", "text or image (image only matters on Helix 2.3 and older).", default: "text"),
        ],
        credentials: .fields(.authorization),
        capabilities: [.sessions, .blocking, .historyPull, .remoteRename, .remoteDelete],
        demo: DemoEndpoint(path: "", apiKey: "hl-demo"), exampleBaseURL: "https://app.tryhelix.ai",
        turnRoute: TurnRoute(suffixes: ["/api/v1/sessions/chat"]), conversationField: "session_id")

    public init(settings: ProviderSettings) throws {
        let options = settings.options
        self.init(
            baseURL: settings.baseURL, apiKey: settings.apiKey, appID: options["app_id"],
            assistantID: options["assistant_id"], model: settings.model, providerName: options["provider"],
            system: options["system"], sessionType: options["type"])
    }

    public static func replayDecoder() -> any StreamDecoder { HelixDecoder() }
}
