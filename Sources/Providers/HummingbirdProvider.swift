import ChatModel
import Foundation
import Wire

/// A Big Hummingbird deployment (protocols.md section 4): blocking `POST /invoke` in a server-side chat session.
///
/// A session must exist before the first turn: send `createSessionRequest()`, read its id with
/// `sessionCreated(status:body:)`, and pass it as the turn's `remoteConversationID`. There is no list endpoint,
/// so the caller remembers the sessions it created. Auth is whatever header the deployment wants, none by default.
public struct HummingbirdProvider: ChatProvider {
    /// One template variable sent when a session is created.
    public struct Variable: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// What a delete call came to.
    public enum DeleteOutcome: Sendable, Equatable {
        case deleted
        /// The server did not delete it (the call is undocumented); forget the session locally anyway.
        case refused(ProviderError)
    }

    public var kind: String { ProviderKind.hummingbird.rawValue }
    /// The deployment's base URL as shown when it was created.
    public var baseURL: String
    /// Variables for new sessions, in the order given.
    public var variables: [Variable]
    public var authHeaderName: String?
    public var authHeaderValue: String?

    /// The deployment's own key header (`auth_header_name`), whatever it is called.
    public var credentials: CredentialFields {
        Self.registryEntry.credentials.fields(options: ["auth_header_name": authHeaderName ?? ""])
    }

    public init(
        baseURL: String, variables: [Variable] = [], authHeaderName: String? = nil, authHeaderValue: String? = nil
    ) {
        self.baseURL = baseURL
        self.variables = variables
        self.authHeaderName = authHeaderName
        self.authHeaderValue = authHeaderValue
    }

    public func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        guard let session = turn.remoteConversationID, !session.isEmpty else {
            throw ProviderConfigurationError(
                "Big Hummingbird needs a chat session first: send createSessionRequest() and use its chat_session_id.")
        }
        guard let last = turn.messages.last, last.role == .user else {
            throw ProviderConfigurationError("A Big Hummingbird turn must end with a user message.")
        }
        let body = encodeJSONBody(JSONLine(["user_message": last.content, "chat_session_id": session]))
        return HTTPRequest(
            method: "POST", url: joinURL(baseURL, "invoke"), headers: headers(json: true), body: body,
            credentials: credentials)
    }

    public func makeDecoder() -> any StreamDecoder { HummingbirdDecoder() }

    /// `POST /create-chat-session` with the variables as a JSON array of `{"key","value"}`.
    public func createSessionRequest() throws -> HTTPRequest {
        let pairs = JSONLine.Value.array(variables.map { .object(JSONLine(["key": $0.key, "value": $0.value])) })
        return HTTPRequest(
            method: "POST", url: joinURL(baseURL, "create-chat-session"), headers: headers(json: true),
            body: Array(JSONLine.text(pairs, .sorted).utf8), credentials: credentials)
    }

    /// The reply to `createSessionRequest()` as events: `opened` with the new session id, or `failed`.
    public static func sessionCreated(status: Int, body: [UInt8]) -> [StreamEvent] {
        do {
            let json = try CompanionReply.object(status: status, body: body)
            guard let id = json.string("chat_session_id"), !id.isEmpty else {
                return [.failed(ProviderError(
                    kind: .decoding, status: status, message: "The create-chat-session reply has no chat_session_id."))]
            }
            return [.opened(conversationID: id, messageID: nil)]
        } catch let error as ProviderError {
            return [.failed(error)]
        } catch {
            return [.failed(ProviderError(kind: .decoding, message: "\(error)"))]
        }
    }

    /// `GET /chat-session/{id}`.
    public func historyRequest(sessionID: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: joinURL(baseURL, "chat-session/" + URLQuery.encode(sessionID)), headers: headers(json: false),
            credentials: credentials)
    }

    /// `DELETE /chat-session/{id}`: undocumented, a guess mirroring the GET path.
    public func deleteRequest(sessionID: String) -> HTTPRequest {
        HTTPRequest(
            method: "DELETE", url: joinURL(baseURL, "chat-session/" + URLQuery.encode(sessionID)),
            headers: headers(json: false), credentials: credentials)
    }

    /// Reads `{"data":{"engineStateId","messages":[{role,content}]}}` as a transcript.
    public static func parseHistory(status: Int, body: [UInt8]) throws -> RemoteTranscriptPage {
        let json = try CompanionReply.object(status: status, body: body)
        let items = json.object("data")?.objects("messages") ?? []
        let messages = items.enumerated().map { index, item in
            Message(
                id: "message-\(index + 1)", role: item.string("role") == "user" ? .user : .assistant,
                text: item.string("content") ?? "")
        }
        return RemoteTranscriptPage(messages: messages)
    }

    /// Any 2xx is a delete; anything else is a refusal explained in words.
    public static func parseDeleted(status: Int, body: [UInt8]) -> DeleteOutcome {
        if (200..<300).contains(status) { return .deleted }
        var error = ErrorDocument.providerError(status: status, body: body)
        error.message = "The server did not delete the session (HTTP \(status)); it is forgotten locally only. "
            + "Server said: \(error.message)"
        return .refused(error)
    }

    private func headers(json: Bool) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        if json { headers.append(HTTPHeader("Content-Type", "application/json")) }
        headers.append(HTTPHeader("Accept", "application/json"))
        if let name = authHeaderName, !name.isEmpty, let value = authHeaderValue {
            headers.append(HTTPHeader(name, value))
        }
        return headers
    }
}
