import ChatModel
import Foundation
import Wire

/// Helix's session browsing endpoints (protocols.md 3.6): request builders and reply parsers, no transport.
extension HelixProvider {
    /// `GET /api/v1/sessions?page=&page_size=` (Helix 2.4+; older servers ignore these and send everything).
    public func listSessionsRequest(page: Int = 1, pageSize: Int = 50) -> HTTPRequest {
        let url = URLQuery.url(baseURL, "api/v1/sessions", [("page", String(page)), ("page_size", String(pageSize))])
        return HTTPRequest(
            method: "GET", url: url, headers: headers(accept: "application/json", json: false), credentials: credentials)
    }

    /// `GET /api/v1/sessions/{id}` with its interactions.
    public func sessionRequest(id: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: joinURL(baseURL, "api/v1/sessions/" + URLQuery.encode(id)),
            headers: headers(accept: "application/json", json: false), credentials: credentials)
    }

    /// `DELETE /api/v1/sessions/{id}`.
    public func deleteSessionRequest(id: String) -> HTTPRequest {
        HTTPRequest(
            method: "DELETE", url: joinURL(baseURL, "api/v1/sessions/" + URLQuery.encode(id)),
            headers: headers(accept: "application/json", json: false), credentials: credentials)
    }

    /// `PUT /api/v1/sessions/{id}` with the new name.
    public func renameSessionRequest(id: String, name: String) throws -> HTTPRequest {
        HTTPRequest(
            method: "PUT", url: joinURL(baseURL, "api/v1/sessions/" + URLQuery.encode(id)),
            headers: headers(accept: "application/json", json: true), body: encodeJSONBody(JSONLine(["name": name])),
            credentials: credentials)
    }

    /// Reads a session list in the paginated 2.4+ shape or the older `counter` shape.
    public static func parseSessionList(status: Int, body: [UInt8]) throws -> RemoteConversationPage {
        let json = try CompanionReply.object(status: status, body: body)
        let sessions = json.objects("sessions").map { item in
            RemoteConversation(
                id: item.string("session_id") ?? item.string("id") ?? "", title: item.string("name") ?? "",
                createdAt: RFC3339.date(item.string("created")), updatedAt: RFC3339.date(item.string("updated")),
                summary: item.string("summary"), model: item.string("model_name"))
        }
        if let counter = json.object("counter") {
            let total = counter.int("count")
            return RemoteConversationPage(
                conversations: sessions, hasMore: (total ?? 0) > sessions.count, totalCount: total)
        }
        let page = max(json.int("page") ?? 1, 1)
        let totalPages = json.int("totalPages") ?? page
        return RemoteConversationPage(
            conversations: sessions, hasMore: page < totalPages, nextCursor: page < totalPages ? String(page + 1) : nil,
            totalCount: json.int("totalCount"))
    }

    /// Reads the reply to a rename: the session as it now is.
    public static func parseRenamedSession(status: Int, body: [UInt8]) throws -> RemoteConversation {
        let json = try CompanionReply.object(status: status, body: body)
        return RemoteConversation(
            id: json.string("id") ?? "", title: json.string("name") ?? "",
            createdAt: RFC3339.date(json.string("created")), updatedAt: RFC3339.date(json.string("updated")),
            model: json.string("model_name"))
    }

    /// Checks the reply to a delete (200 with the deleted session).
    public static func parseDeleted(status: Int, body: [UInt8]) throws {
        try CompanionReply.success(status: status, body: body)
    }

    /// Reads one session's interactions as a transcript: each turn's prompt as the user, its response (or
    /// error) as the assistant, with generated files as attachments (the `type: "image"` result).
    public func parseSession(status: Int, body: [UInt8]) throws -> RemoteTranscriptPage {
        let json = try CompanionReply.object(status: status, body: body)
        var messages: [Message] = []
        for interaction in json.objects("interactions") {
            if interaction.has("creator") {
                messages.append(legacyMessage(interaction))
                continue
            }
            let id = interaction.string("id") ?? "interaction-\(messages.count)"
            let created = RFC3339.date(interaction.string("created")) ?? Date(timeIntervalSince1970: 0)
            var prompt = Message(id: id + ":prompt", role: .user, text: interaction.string("prompt_message") ?? "", createdAt: created)
            prompt.remoteID = id
            messages.append(prompt)
            messages.append(reply(interaction, id: id, created: RFC3339.date(interaction.string("completed")) ?? created))
        }
        return RemoteTranscriptPage(messages: messages)
    }

    private func reply(_ interaction: JSONObject, id: String, created: Date) -> Message {
        var message = Message(id: id, role: .assistant, text: interaction.string("response_message") ?? "", createdAt: created)
        message.remoteID = id
        message.files = files(interaction)
        if let usage = interaction.object("usage"), (usage.int("total_tokens") ?? 0) > 0 {
            message.usage = OpenAIDecoder.usage(usage)
        }
        let error = interaction.string("error") ?? ""
        switch interaction.string("state") {
        case "error":
            message.status = .failed
            message.error = ProviderError(kind: .stream, message: error.isEmpty ? "The interaction failed." : error)
        case "interrupted": message.status = .interrupted
        case "waiting", "editing": message.status = .streaming
        default: message.status = .complete
        }
        return message
    }

    /// A Helix 1.x per-message interaction (`creator`, `message`, `files`).
    private func legacyMessage(_ item: JSONObject) -> Message {
        let id = item.string("id") ?? ""
        let role: ChatMessage.Role = item.string("creator") == "user" ? .user : .assistant
        var message = Message(
            id: id, role: role, text: item.string("message") ?? "",
            createdAt: RFC3339.date(item.string("created")) ?? Date(timeIntervalSince1970: 0))
        message.remoteID = id
        message.files = files(item)
        if item.string("state") == "error" {
            message.status = .failed
            message.error = ProviderError(kind: .stream, message: item.string("error") ?? "The interaction failed.")
        }
        return message
    }

    /// Interaction `files` are filestore paths; they are served by the filestore viewer.
    private func files(_ interaction: JSONObject) -> [Attachment] {
        let paths = interaction.strings("files")
        return paths.map { path in
            let url = path.hasPrefix("http://") || path.hasPrefix("https://")
                ? path : joinURL(baseURL, "api/v1/filestore/viewer/" + path)
            let name = path.split(separator: "/").last.map(String.init)
            return Attachment(type: Self.fileType(path), url: url, name: name, belongsTo: "assistant")
        }
    }

    private static func fileType(_ path: String) -> String {
        let lower = path.lowercased()
        let images = [".png", ".jpg", ".jpeg", ".webp", ".gif"]
        return images.contains(where: lower.hasSuffix) ? "image" : "document"
    }
}
