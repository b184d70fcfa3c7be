import ChatModel
import Wire

/// VMware Private AI Services agent chat completions (protocols.md section 6).
///
/// The first turn asks the server to create a session (`create_session: true`); once the server named it, a
/// turn sends only the new user message with `store_in_session`. Only `user` and `assistant` turns are sent:
/// the agent owns its system prompt and the server rejects other roles.
public struct PAISProvider: ChatProvider {
    /// Which of the two equivalent paths the deployment serves.
    public enum Endpoint: String, Sendable, CaseIterable {
        /// `…/assistants/{agent_id}/chat/completions`, the older name.
        case assistants
        /// `…/agents/{agent_id}/chat/completions`.
        case agents
    }

    public var kind: String { ProviderKind.pais.rawValue }
    /// The key travels as `Authorization: Bearer …`.
    public var credentials: CredentialFields { Self.registryEntry.credentials.fields(options: [:]) }
    /// The server root, such as `https://pais.example.com`.
    public var baseURL: String
    public var agentID: String
    /// The OIDC access token as it stands now; getting and refreshing it is the caller's job.
    public var token: String?
    public var endpoint: Endpoint
    /// Must equal the agent's model when given, so it is left out by default.
    public var model: String?

    public init(
        baseURL: String, agentID: String, token: String? = nil, endpoint: Endpoint = .assistants, model: String? = nil
    ) {
        self.baseURL = baseURL
        self.agentID = agentID
        self.token = token
        self.endpoint = endpoint
        self.model = model
    }

    /// The chat completions URL for this agent.
    public var chatURL: String {
        joinURL(baseURL, "api/v1/compatibility/openai/v1/\(endpoint.rawValue)/\(URLQuery.encode(agentID))/chat/completions")
    }

    public func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        let conversation = turn.messages.filter { $0.role == .user || $0.role == .assistant }
        guard let last = conversation.last, last.role == .user else {
            throw ProviderConfigurationError("A PAIS turn must end with a user message.")
        }
        var body = JSONLine()
        body.set("stream", .bool(turn.stream))
        if let session = turn.remoteConversationID, !session.isEmpty {
            body.set("messages", .array([.object(JSONLine(["role": "user", "content": last.content]))]))
            body.set("store_in_session", session)
        } else {
            body.set("messages", .array(conversation.map { .object(JSONLine(["role": $0.role.rawValue, "content": $0.content])) }))
            body.set("create_session", .bool(true))
        }
        if let model, !model.isEmpty { body.set("model", model) }
        var headers = [
            HTTPHeader("Content-Type", "application/json"),
            HTTPHeader("Accept", turn.stream ? "text/event-stream" : "application/json"),
        ]
        if let token, !token.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(token)")) }
        return HTTPRequest(
            method: "POST", url: chatURL, headers: headers, body: encodeJSONBody(body), credentials: credentials)
    }

    public func makeDecoder() -> any StreamDecoder { PAISDecoder() }
}
