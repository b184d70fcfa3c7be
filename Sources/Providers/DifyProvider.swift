import ChatModel
import Wire

/// Dify chat, agent-chat and chatflow apps through the Service API (protocols.md section 5).
///
/// Dify keeps the history: a turn sends only the newest user message as `query`, plus the conversation id
/// once the server named one. Every call carries the end-user id, which scopes conversations on the server.
public struct DifyProvider: ChatProvider, RemoteStopping {
    /// A file sent with a turn: a remote URL, or the id of a file uploaded with `uploadRequest`.
    public struct File: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            case remoteURL(String)
            case uploaded(id: String)
        }

        /// `image`, `document`, `audio`, `video` or `custom`.
        public var type: String
        public var source: Source

        public init(type: String, source: Source) {
            self.type = type
            self.source = source
        }
    }

    public var kind: String { ProviderKind.dify.rawValue }
    /// The key travels as `Authorization: Bearer …`.
    public var credentials: CredentialFields { Self.registryEntry.credentials.fields(options: [:]) }
    /// The API root from the app's API page, such as `https://api.dify.ai/v1` (`/v1` is added when missing).
    public var baseURL: String
    public var apiKey: String?
    /// The end-user id sent as `user`.
    public var user: String
    /// App variables sent as `inputs`.
    public var inputs: [String: String]
    /// Files to attach to the next turn.
    public var files: [File]
    /// Ask Dify to title a new conversation; `nil` leaves Dify's default.
    public var autoGenerateName: Bool?
    /// Chatflow apps only: pin a published workflow version.
    public var workflowID: String?

    public init(
        baseURL: String, apiKey: String? = nil, user: String = "parley", inputs: [String: String] = [:],
        files: [File] = [], autoGenerateName: Bool? = nil, workflowID: String? = nil
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.user = user
        self.inputs = inputs
        self.files = files
        self.autoGenerateName = autoGenerateName
        self.workflowID = workflowID
    }

    /// The root every endpoint path is joined to, ending in `/v1`.
    var apiRoot: String {
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        return root.hasSuffix("/v1") ? root : root + "/v1"
    }

    public func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        guard let last = turn.messages.last, last.role == .user else {
            throw ProviderConfigurationError("A Dify turn must end with a user message.")
        }
        var body = JSONLine()
        body.set("inputs", .object(JSONLine(inputs)))
        body.set("query", last.content)
        body.set("response_mode", turn.stream ? "streaming" : "blocking")
        body.set("user", user)
        body.set("conversation_id", turn.remoteConversationID ?? "")
        if !files.isEmpty { body.set("files", .array(files.map { .object(Self.fileBody($0)) })) }
        if let autoGenerateName { body.set("auto_generate_name", .bool(autoGenerateName)) }
        if let workflowID, !workflowID.isEmpty { body.set("workflow_id", workflowID) }
        return HTTPRequest(
            method: "POST", url: joinURL(apiRoot, "chat-messages"),
            headers: headers(accept: turn.stream ? "text/event-stream" : "application/json", json: true),
            body: encodeJSONBody(body), credentials: credentials)
    }

    public func makeDecoder() -> any StreamDecoder { DifyDecoder() }

    /// `POST /v1/chat-messages/{task_id}/stop` for the same user as the stream.
    public func stopRequest(taskID: String) -> HTTPRequest {
        let body = encodeJSONBody(JSONLine(["user": user]))
        return HTTPRequest(
            method: "POST", url: joinURL(apiRoot, "chat-messages/\(URLQuery.encode(taskID))/stop"),
            headers: headers(accept: "application/json", json: true), body: body, credentials: credentials)
    }

    public func stopRequest(after records: [RawRecord]) -> HTTPRequest? {
        Self.taskID(in: records).map(stopRequest(taskID:))
    }

    /// The `task_id` of the first stream event that carries one (every event but `error` does).
    public static func taskID(in records: [RawRecord]) -> String? {
        for record in records where record.kind == .event {
            let text = record.text.drop(while: { $0 != "{" })
            if let json = JSONObject(text: text), let id = json.string("task_id"), !id.isEmpty { return id }
        }
        return nil
    }

    func headers(accept: String, json: Bool) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        if json { headers.append(HTTPHeader("Content-Type", "application/json")) }
        headers.append(HTTPHeader("Accept", accept))
        if let apiKey, !apiKey.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey)")) }
        return headers
    }

    private static func fileBody(_ file: File) -> JSONLine {
        switch file.source {
        case .remoteURL(let url): return JSONLine(["type": file.type, "transfer_method": "remote_url", "url": url])
        case .uploaded(let id): return JSONLine(["type": file.type, "transfer_method": "local_file", "upload_file_id": id])
        }
    }
}
