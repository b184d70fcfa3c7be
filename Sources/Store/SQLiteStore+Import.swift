import ChatModel
import Foundation

/// Merging remote history: pulling the same conversation again updates it instead of duplicating it.
extension SQLiteStore {
    /// Inserts or updates the conversation and its messages in one transaction, merging with what Parley
    /// already knows.
    ///
    /// Local choices survive a pull: pinned, archived and the local ids stay; title, profile and the later
    /// `updatedAt` come from the remote side. A remote message matches a local one by the server's id; a remote
    /// prompt whose answer matches a local reply matches the local prompt before that reply (`send` and the
    /// workbench know a Dify turn's id only from its answer). A reply Parley saw stream keeps everything it
    /// has (text, usage, timing, runs and raw records) and takes from the server only what it lacks; a message
    /// only ever pulled takes the server's current version. Remote-only turns are inserted in time order.
    /// Pulling twice changes nothing.
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
            let local = try MessageQueries.messages(inConversation: conversationID, db).map(RecordMapping.message)
            let matches = Self.match(remote.messages, to: local)
            var inserted = 0
            var updated = 0
            for message in remote.messages {
                if let known = matches[message.remoteID ?? ""] {
                    let merged = try RunQueries.runs(forMessage: known.id, db).isEmpty
                        ? Self.adopt(message, as: known) : Self.merge(known, with: message)
                    if merged != known { try Self.write(merged, in: conversationID, db) }
                    updated += 1
                } else {
                    var message = message
                    message.id = makeID()
                    try Self.write(message, in: conversationID, db)
                    inserted += 1
                }
            }
            if inserted > 0, !local.isEmpty { try Self.orderByTime(conversationID, db) }
            return ImportResult(
                conversationID: conversationID, conversationCreated: existing == nil, messagesInserted: inserted,
                messagesUpdated: updated)
        }
    }

    /// The local message each remote one is, by remote id: by the server's id, or for a prompt whose answer is
    /// known locally, the local prompt just before that answer.
    private static func match(_ remote: [Message], to local: [Message]) -> [String: Message] {
        var byRemoteID: [String: Message] = [:]
        for message in local { if let id = message.remoteID { byRemoteID[id] = message } }
        var matches: [String: Message] = [:]
        for (i, message) in remote.enumerated() {
            let id = message.remoteID ?? ""
            if let known = byRemoteID[id] {
                matches[id] = known
            } else if message.role == .user, i + 1 < remote.count,
                      let answer = byRemoteID[remote[i + 1].remoteID ?? ""],
                      let at = local.firstIndex(where: { $0.id == answer.id }), at > 0,
                      local[at - 1].role == .user, local[at - 1].remoteID == nil {
                matches[id] = local[at - 1]
            }
        }
        return matches
    }

    /// A message Parley pulled before (it has no run of its own): the server's version is the record.
    private static func adopt(_ remote: Message, as local: Message) -> Message {
        var adopted = remote
        adopted.id = local.id
        return adopted
    }

    /// A reply Parley saw stream, with the server's id and what only the server has filled in; nothing local is
    /// replaced (its text, usage, timing and status are what Parley saw happen).
    private static func merge(_ local: Message, with remote: Message) -> Message {
        var merged = local
        merged.remoteID = remote.remoteID
        if merged.text.isEmpty { merged.text = remote.text }
        if merged.reasoning.isEmpty { merged.reasoning = remote.reasoning }
        if merged.steps.isEmpty { merged.steps = remote.steps }
        if merged.citations.isEmpty { merged.citations = remote.citations }
        if merged.files.isEmpty { merged.files = remote.files }
        if merged.usage == nil { merged.usage = remote.usage }
        if merged.error == nil, merged.status == remote.status { merged.error = remote.error }
        return merged
    }

    /// Renumbers a conversation's messages by time, keeping the order of messages with the same time.
    private static func orderByTime(_ conversationID: String, _ db: Database) throws {
        let rows = try MessageQueries.messages(inConversation: conversationID, db)
        let ordered = rows.enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }
        for (position, entry) in ordered.enumerated() where entry.element.position != position {
            try db.prepare("UPDATE messages SET position = ? WHERE id = ?").run(.int(position), .text(entry.element.id))
        }
    }

    /// The local id of a conversation pulled earlier, if any.
    public func conversationID(provider: String, remoteID: String) throws -> String? {
        try locked { db in try ConversationQueries.row(provider: provider, remoteID: remoteID, db)?.id }
    }

}
