import ChatModel
import Foundation
import Providers
import Wire

/// The paging walks of each provider's history endpoints.
extension HistoryPuller {
    /// Dify: `GET /v1/conversations` newest first by `last_id`, then each conversation's `GET /v1/messages`
    /// backwards in time by `first_id`.
    func pullDify(_ dify: DifyProvider) async throws -> Summary {
        var summary = Summary()
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            let page = try await call(dify.conversationsRequest(lastID: cursor, limit: 100), read: DifyReplies.conversations)
            for conversation in page.conversations where seen.insert(conversation.id).inserted {
                do {
                    let messages = try await difyMessages(dify, conversationID: conversation.id)
                    try store(kind: "dify", listed: conversation, messages: messages, into: &summary)
                } catch {
                    summary.failures.append("\(conversation.id) (\(conversation.title)): \(error)")
                }
            }
            guard page.hasMore, let next = page.nextCursor, next != cursor else { break }
            cursor = next
        }
        return summary
    }

    private func difyMessages(_ dify: DifyProvider, conversationID: String) async throws -> [Message] {
        var messages: [Message] = []
        var cursor: String?
        var cursors: Set<String> = []
        for _ in 0..<maxPages {
            let page = try await call(
                dify.messagesRequest(conversationID: conversationID, firstID: cursor, limit: 100), read: DifyReplies.messages)
            let known = Set(messages.map(\.id))
            messages = page.messages.filter { !known.contains($0.id) } + messages
            guard page.hasMore, let older = page.olderCursor, cursors.insert(older).inserted else { break }
            cursor = older
        }
        return messages
    }

    /// Helix: `GET /api/v1/sessions` page by page, then `GET /api/v1/sessions/{id}` for each one's interactions.
    func pullHelix(_ helix: HelixProvider) async throws -> Summary {
        var summary = Summary()
        var page = 1
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            let list = try await call(helix.listSessionsRequest(page: page, pageSize: 50), read: HelixProvider.parseSessionList)
            var fresh = 0
            for session in list.conversations where !session.id.isEmpty && seen.insert(session.id).inserted {
                fresh += 1
                do {
                    let transcript = try await call(helix.sessionRequest(id: session.id), read: helix.parseSession)
                    try store(kind: "helix", listed: session, messages: transcript.messages, into: &summary)
                } catch {
                    summary.failures.append("\(session.id) (\(session.title)): \(error)")
                }
            }
            guard list.hasMore, fresh > 0, let next = list.nextCursor.flatMap(Int.init), next > page else { break }
            page = next
        }
        return summary
    }
}
