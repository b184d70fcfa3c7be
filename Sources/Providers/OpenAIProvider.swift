import ChatModel
import Wire

/// Any OpenAI-compatible `POST {base}/chat/completions` endpoint.
public struct OpenAIProvider: ChatProvider {
    public var kind: String { ProviderKind.openai.rawValue }
    /// The key travels as `Authorization: Bearer …`.
    public var credentials: CredentialFields { Self.registryEntry.credentials.fields(options: [:]) }
    /// The API root, such as `http://127.0.0.1:8080/v1`; `/chat/completions` is appended.
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Ask for the final usage chunk (`stream_options.include_usage`).
    public var includeUsage: Bool
    /// A system prompt sent first, unless the turn starts with its own system message.
    public var system: String?

    public init(baseURL: String, model: String, apiKey: String? = nil, includeUsage: Bool = true, system: String? = nil) {
        self.system = system
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.includeUsage = includeUsage
    }

    public func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        guard !turn.messages.isEmpty else { throw ProviderConfigurationError("A turn needs at least one message.") }
        var body = JSONLine()
        body.set("model", model)
        var messages = turn.messages
        if let system, !system.isEmpty, messages.first?.role != .system {
            messages.insert(ChatMessage(role: .system, content: system), at: 0)
        }
        body.set("messages", .array(messages.map { .object(JSONLine(["role": $0.role.rawValue, "content": $0.content])) }))
        body.set("stream", .bool(turn.stream))
        if turn.stream, includeUsage {
            var options = JSONLine()
            options.set("include_usage", .bool(true))
            body.set("stream_options", .object(options))
        }
        var headers = [HTTPHeader("Content-Type", "application/json")]
        headers.append(HTTPHeader("Accept", turn.stream ? "text/event-stream" : "application/json"))
        if let apiKey, !apiKey.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey)")) }
        return HTTPRequest(
            method: "POST", url: joinURL(baseURL, "chat/completions"), headers: headers, body: encodeJSONBody(body),
            credentials: credentials)
    }

    public func makeDecoder() -> any StreamDecoder { OpenAIDecoder() }
}

/// Joins a base URL and a path with exactly one slash between them.
public func joinURL(_ base: String, _ path: String) -> String {
    var base = base
    while base.hasSuffix("/") { base.removeLast() }
    var path = Substring(path)
    while path.hasPrefix("/") { path = path.dropFirst() }
    return base + "/" + path
}
