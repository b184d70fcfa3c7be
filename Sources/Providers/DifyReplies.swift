import ChatModel
import Foundation

/// Parsers for the replies of Dify's companion endpoints; error statuses become `DifyErrors` messages.
public enum DifyReplies {
    /// `GET /v1/conversations`: one page, with the cursor for the next (the last item's id).
    public static func conversations(status: Int, body: [UInt8]) throws -> RemoteConversationPage {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        let items = json.objects("data").map(conversation)
        let hasMore = json.bool("has_more") ?? false
        return RemoteConversationPage(conversations: items, hasMore: hasMore, nextCursor: hasMore ? items.last?.id : nil)
    }

    /// `POST /v1/conversations/{id}/name`: the conversation as it now is.
    public static func renamed(status: Int, body: [UInt8]) throws -> RemoteConversation {
        conversation(try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError))
    }

    /// `DELETE /v1/conversations/{id}`: 204 without a body (1.12) or 200 with `{"result":"success"}` (older).
    public static func deleted(status: Int, body: [UInt8]) throws {
        try CompanionReply.success(status: status, body: body, error: DifyErrors.httpError)
    }

    /// `POST /v1/messages/{id}/feedbacks`.
    public static func feedbackSent(status: Int, body: [UInt8]) throws {
        try CompanionReply.success(status: status, body: body, error: DifyErrors.httpError)
    }

    /// `GET /v1/messages/{id}/suggested`: the suggested follow-up questions.
    public static func suggestedQuestions(status: Int, body: [UInt8]) throws -> [String] {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        return json.strings("data")
    }

    /// `GET /v1/messages`: each item as the user's query and the assistant's answer, oldest first, with the
    /// cursor for older messages (the oldest id of this page).
    public static func messages(status: Int, body: [UInt8]) throws -> RemoteTranscriptPage {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        let items = json.objects("data")
        let hasMore = json.bool("has_more") ?? false
        return RemoteTranscriptPage(
            messages: items.flatMap(turn), hasMore: hasMore, olderCursor: hasMore ? items.first?.string("id") : nil)
    }

    private static func conversation(_ item: JSONObject) -> RemoteConversation {
        RemoteConversation(
            id: item.string("id") ?? "", title: item.string("name") ?? "", createdAt: item.unixDate("created_at"),
            updatedAt: item.unixDate("updated_at"),
            summary: item.string("introduction").flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func turn(_ item: JSONObject) -> [Message] {
        let id = item.string("id") ?? ""
        let created = item.unixDate("created_at") ?? Date(timeIntervalSince1970: 0)
        let files = item.objects("message_files").map(DifyMapping.attachment)
        var query = Message(id: id + ":query", role: .user, text: item.string("query") ?? "", createdAt: created)
        query.files = files.filter { $0.belongsTo == "user" }
        var answer = Message(id: id, role: .assistant, text: item.string("answer") ?? "", createdAt: created)
        answer.remoteID = id
        answer.files = files.filter { $0.belongsTo != "user" }
        answer.steps = item.objects("agent_thoughts").map { thought in
            var step = DifyMapping.thought(thought, filesKey: "files")
            step.status = .completed
            return step
        }
        answer.citations = item.objects("retriever_resources").map(DifyMapping.citation)
        if item.string("status") == "error" {
            answer.status = .failed
            answer.error = ProviderError(kind: .stream, message: item.string("error") ?? "The reply failed.")
        }
        return [query, answer]
    }
}
