import ChatModel

extension OpenAIProvider: RegisteredProvider {
    public static let registryEntry = ProviderDescription(
        title: "OpenAI-compatible", summary: "Any OpenAI-compatible POST {base_url}/chat/completions (OpenAI, vLLM, Ollama, LiteLLM, …).",
        conversationNoun: "conversation",
        options: [
            ProviderOption("system", "A system prompt sent first in every turn.", example: "You are terse."),
        ],
        credentials: .fields(.authorization), capabilities: [.blocking],
        demo: DemoEndpoint(path: "/v1", model: "parley-demo"), exampleBaseURL: "http://127.0.0.1:8080/v1",
        turnRoute: TurnRoute(suffixes: ["/chat/completions"], isFallback: true),
        defaultModel: "gpt-4o-mini", keyEnvironmentVariable: "OPENAI_API_KEY")

    public init(settings: ProviderSettings) throws {
        self.init(
            baseURL: settings.baseURL, model: settings.model ?? Self.registryEntry.defaultModel ?? "", apiKey: settings.apiKey,
            system: settings.options["system"])
    }

    public static func replayDecoder() -> any StreamDecoder { OpenAIDecoder() }
}
