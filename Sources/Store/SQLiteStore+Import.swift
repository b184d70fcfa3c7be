import ChatModel
import Foundation

/// Merging remote history: pulling the same conversation again updates it instead of duplicating it.
extension SQLiteStore {
    /// Inserts or updates the conversation and its messages in one transaction.
    ///
    /// Local choices survive a pull: pinned, archived and the local ids stay; title, profile, message content
    /// and the later `updatedAt` come from the remote side.
    @discardableResult
    public func importRemote(_ remote: RemoteConversation) throws -> ImportResult {
        let missing = remote.messages.filter { ($0.remoteID ?? "").isEmpty }.count
        if missing > 0 {
            throw StoreError(
                kind: .invalidInput,
                message: "Cannot import conversation \(remote.remoteID): \(missing) message(s) have no remote id, "
                    + "so pulling again could not recognise them.")
        }
        return try transaction { db in
            let existing = try ConversationQueries.row(provider: remote.provider, remoteID: remote.remoteID, db)
            let conversationID = existing?.id ?? makeID()
            let row = ConversationRow(
                id: conversationID, title: remote.title, provider: remote.provider, profile: remote.profile,
                remoteID: remote.remoteID, createdAt: existing?.createdAt ?? remote.createdAt.timeIntervalSince1970,
                updatedAt: max(existing?.updatedAt ?? 0, remote.updatedAt.timeIntervalSince1970),
                archived: existing?.archived ?? false, pinned: existing?.pinned ?? false)
            try db.prepare(
                """
                INSERT INTO conversations (\(ConversationRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, profile = excluded.profile,
                updated_at = excluded.updated_at
                """
            ).run(row.values)
            var inserted = 0
            var updated = 0
            for message in remote.messages {
                var message = message
                if let localID = try Self.localMessageID(conversationID, remoteID: message.remoteID ?? "", db) {
                    message.id = localID
                    updated += 1
                } else {
                    message.id = makeID()
                    inserted += 1
                }
                try Self.write(message, in: conversationID, db)
            }
            return ImportResult(
                conversationID: conversationID, conversationCreated: existing == nil, messagesInserted: inserted,
                messagesUpdated: updated)
        }
    }

    /// The local id of a conversation pulled earlier, if any.
    public func conversationID(provider: String, remoteID: String) throws -> String? {
        try locked { db in try ConversationQueries.row(provider: provider, remoteID: remoteID, db)?.id }
    }

    private static func localMessageID(_ conversationID: String, remoteID: String, _ db: Database) throws -> String? {
        let select = try db.prepare("SELECT id FROM messages WHERE conversation_id = ? AND remote_id = ?")
        try select.bind(.text(conversationID), .text(remoteID))
        return try select.step() ? select.text(0) : nil
    }
}
