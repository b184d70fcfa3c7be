import ChatModel
import Wire

/// Helix sessions: `POST {base}/api/v1/sessions/chat` (protocols.md section 3).
///
/// Helix keeps the history: a turn sends only the newest user message, plus the session id once the server
/// named one. The system prompt only counts when a session is created, so it is sent only then.
public struct HelixProvider: ChatProvider {
    public var kind: String { ProviderKind.helix.rawValue }
    /// The key travels as `Authorization: Bearer …`.
    public var credentials: CredentialFields { Self.registryEntry.credentials.fields(options: [:]) }
    /// The server root, such as `https://app.tryhelix.ai`; `/api/v1/…` is appended.
    public var baseURL: String
    public var apiKey: String?
    public var appID: String?
    public var assistantID: String?
    public var model: String?
    /// A provider name or `pe_…` provider-endpoint id.
    public var providerName: String?
    /// The system prompt for new sessions; a `system` message in the turn wins over it.
    public var system: String?
    /// `text` or `image`; `image` only has an effect on Helix 2.3 and older.
    public var sessionType: String?
    /// Regenerate: with one message, wipe the session's history and answer again.
    public var regenerate: Bool
    /// Regenerate from a point: every message of the turn is sent and history is cut at this interaction.
    public var interactionID: String?

    public init(
        baseURL: String, apiKey: String? = nil, appID: String? = nil, assistantID: String? = nil,
        model: String? = nil, providerName: String? = nil, system: String? = nil, sessionType: String? = nil,
        regenerate: Bool = false, interactionID: String? = nil
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.appID = appID
        self.assistantID = assistantID
        self.model = model
        self.providerName = providerName
        self.system = system
        self.sessionType = sessionType
        self.regenerate = regenerate
        self.interactionID = interactionID
    }

    public func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        let conversation = turn.messages.filter { $0.role == .user || $0.role == .assistant }
        guard let last = conversation.last, last.role == .user else {
            throw ProviderConfigurationError("A Helix turn must end with a user message.")
        }
        let sessionID = turn.remoteConversationID ?? ""
        let sent = interactionID == nil ? [last] : conversation
        var body = JSONLine()
        body.set("session_id", sessionID)
        body.set("stream", .bool(turn.stream))
        body.set("messages", .array(sent.map { message in
            var content = JSONLine()
            content.set("content_type", "text")
            content.set("parts", .array([.string(message.content)]))
            var item = JSONLine()
            item.set("role", message.role.rawValue)
            item.set("content", .object(content))
            return .object(item)
        }))
        let systemPrompt = turn.messages.first(where: { $0.role == .system })?.content ?? system
        if sessionID.isEmpty, let systemPrompt, !systemPrompt.isEmpty { body.set("system", systemPrompt) }
        let optional: [(String, String?)] = [
            ("app_id", appID), ("assistant_id", assistantID), ("model", model), ("provider", providerName),
            ("type", sessionType), ("interaction_id", interactionID),
        ]
        for (key, value) in optional { if let value, !value.isEmpty { body.set(key, value) } }
        if regenerate { body.set("regenerate", .bool(true)) }
        return HTTPRequest(
            method: "POST", url: joinURL(baseURL, "api/v1/sessions/chat"),
            headers: headers(accept: turn.stream ? "text/event-stream" : "application/json", json: true),
            body: encodeJSONBody(body), credentials: credentials)
    }

    public func makeDecoder() -> any StreamDecoder { HelixDecoder() }

    func headers(accept: String, json: Bool) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        if json { headers.append(HTTPHeader("Content-Type", "application/json")) }
        headers.append(HTTPHeader("Accept", accept))
        if let apiKey, !apiKey.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey)")) }
        return headers
    }
}
