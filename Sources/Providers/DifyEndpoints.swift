import ChatModel
import Foundation
import Wire

/// Request builders for Dify's companion endpoints (protocols.md 5.3.4); the replies are read by `DifyReplies`.
extension DifyProvider {
    /// A message rating sent with `feedbackRequest`.
    public enum Rating: String, Sendable {
        case like
        case dislike
    }

    /// `GET /v1/conversations`, newest first; pass the previous page's `nextCursor` as `lastID`.
    public func conversationsRequest(lastID: String? = nil, limit: Int = 20, sortBy: String? = nil) -> HTTPRequest {
        get(URLQuery.url(apiRoot, "conversations", [
            ("user", user), ("last_id", lastID), ("limit", String(limit)), ("sort_by", sortBy),
        ]))
    }

    /// `GET /v1/messages`; pass the previous page's `olderCursor` as `firstID` to walk back in time.
    public func messagesRequest(conversationID: String, firstID: String? = nil, limit: Int = 20) -> HTTPRequest {
        get(URLQuery.url(apiRoot, "messages", [
            ("conversation_id", conversationID), ("user", user), ("first_id", firstID), ("limit", String(limit)),
        ]))
    }

    /// `POST /v1/conversations/{id}/name`: a new name, or `nil` to let Dify generate one.
    public func renameRequest(conversationID: String, name: String?) throws -> HTTPRequest {
        var body = JSONLine(["user": user])
        body.set("auto_generate", .bool(name == nil))
        body.setIfPresent("name", name)
        return try post("conversations/\(URLQuery.encode(conversationID))/name", body)
    }

    /// `DELETE /v1/conversations/{id}` with the user in a JSON body.
    public func deleteConversationRequest(conversationID: String) throws -> HTTPRequest {
        var request = try post("conversations/\(URLQuery.encode(conversationID))", JSONLine(["user": user]))
        request.method = "DELETE"
        return request
    }

    /// `POST /v1/messages/{id}/feedbacks`; a `nil` rating withdraws earlier feedback.
    public func feedbackRequest(messageID: String, rating: Rating?, content: String? = nil) throws -> HTTPRequest {
        var body = JSONLine(["user": user])
        body.set("rating", rating?.rawValue)
        body.setIfPresent("content", content)
        return try post("messages/\(URLQuery.encode(messageID))/feedbacks", body)
    }

    /// `GET /v1/messages/{id}/suggested`.
    public func suggestedQuestionsRequest(messageID: String) -> HTTPRequest {
        get(URLQuery.url(apiRoot, "messages/\(URLQuery.encode(messageID))/suggested", [("user", user)]))
    }

    /// `GET /v1/parameters`: opening statement, suggested questions, input form.
    public func parametersRequest() -> HTTPRequest { get(URLQuery.url(apiRoot, "parameters", [("user", user)])) }

    /// `GET /v1/info`: the app's name, description, tags and mode.
    public func infoRequest() -> HTTPRequest { get(URLQuery.url(apiRoot, "info", [("user", user)])) }

    /// `GET /v1/meta`: tool icons.
    public func metaRequest() -> HTTPRequest { get(URLQuery.url(apiRoot, "meta", [("user", user)])) }

    /// `POST /v1/files/upload` as multipart: one `file` and the `user`.
    public func uploadRequest(fileName: String, mimeType: String, data: [UInt8], boundary: String) -> HTTPRequest {
        var form = MultipartBody(boundary: boundary)
        form.addFile(name: "file", fileName: fileName, mimeType: mimeType, data: data)
        form.addField(name: "user", value: user)
        var headers = headers(accept: "application/json", json: false)
        headers.insert(HTTPHeader("Content-Type", form.contentType), at: 0)
        return HTTPRequest(
            method: "POST", url: joinURL(apiRoot, "files/upload"), headers: headers, body: form.body,
            credentials: credentials)
    }

    private func get(_ url: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: url, headers: headers(accept: "application/json", json: false), credentials: credentials)
    }

    private func post(_ path: String, _ body: JSONLine) throws -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: joinURL(apiRoot, path), headers: headers(accept: "application/json", json: true),
            body: encodeJSONBody(body), credentials: credentials)
    }
}
