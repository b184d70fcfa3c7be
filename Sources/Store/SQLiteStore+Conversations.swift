import ChatModel
import Foundation

/// Conversations: save, list, show, rename, archive, pin, delete.
extension SQLiteStore {
    /// Inserts the conversation or replaces the stored one with the same id.
    public func save(_ conversation: Conversation) throws {
        let row = RecordMapping.row(conversation)
        try locked { db in
            try db.prepare(
                """
                INSERT INTO conversations (\(ConversationRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, provider = excluded.provider,
                profile = excluded.profile, remote_id = excluded.remote_id, created_at = excluded.created_at,
                updated_at = excluded.updated_at, archived = excluded.archived, pinned = excluded.pinned
                """
            ).run(row.values)
        }
    }

    /// One conversation, or `nil` when there is none with that id.
    public func conversation(id: String) throws -> Conversation? {
        try locked { db in try ConversationQueries.row(id: id, db).map(RecordMapping.conversation) }
    }

    /// The full id of the one conversation whose id is `text` or starts with it. Throws `notFound` when
    /// none does and `ambiguous` when several do, so a user can type the first few characters of an id.
    public func resolveConversationID(_ text: String) throws -> String {
        try locked { db in
            let select = try db.prepare("SELECT id FROM conversations WHERE id >= ? AND id < ? ORDER BY id LIMIT 2")
            try select.bind(.text(text), .text(text + "\u{10FFFF}"))
            var ids: [String] = []
            while try select.step() { ids.append(select.text(0)) }
            if ids.contains(text) { return text }
            switch ids.count {
            case 0: throw StoreError(kind: .notFound, message: "No conversation with id \(text). `parley conversations list` shows them.")
            case 1: return ids[0]
            default: throw StoreError(kind: .invalidInput, message: "Several conversations start with \(text); give more of the id.")
            }
        }
    }

    /// A page of conversations: pinned first, then most recently updated.
    public func conversations(offset: Int = 0, limit: Int = 50, includeArchived: Bool = false) throws -> [Conversation] {
        try locked { db in
            let select = try db.prepare(ConversationQueries.page(includeArchived: includeArchived))
            try select.bind(.int(max(0, limit)), .int(max(0, offset)))
            var result: [Conversation] = []
            while try select.step() { result.append(RecordMapping.conversation(ConversationRow(select))) }
            return result
        }
    }

    /// How many conversations there are (for paging).
    public func conversationCount(includeArchived: Bool = false) throws -> Int {
        try locked { db in
            try db.scalarInt("SELECT COUNT(*) FROM conversations" + (includeArchived ? "" : " WHERE archived = 0"))
        }
    }

    /// A conversation with all its messages in order.
    public func transcript(id: String) throws -> (conversation: Conversation, messages: [Message])? {
        try locked { db in
            guard let row = try ConversationQueries.row(id: id, db) else { return nil }
            let messages = try MessageQueries.messages(inConversation: id, db).map(RecordMapping.message)
            return (RecordMapping.conversation(row), messages)
        }
    }

    public func rename(conversation id: String, to title: String) throws {
        try update(id, "title = ?", .text(title))
    }

    public func setArchived(conversation id: String, _ archived: Bool) throws {
        try update(id, "archived = ?", .bool(archived))
    }

    public func setPinned(conversation id: String, _ pinned: Bool) throws {
        try update(id, "pinned = ?", .bool(pinned))
    }

    /// Deletes the conversation with its messages, runs and raw records.
    public func delete(conversation id: String) throws {
        try update(id, nil, nil)
    }

    private func update(_ id: String, _ assignment: String?, _ value: SQLValue?) throws {
        try locked { db in
            if let assignment, let value {
                try db.prepare("UPDATE conversations SET \(assignment) WHERE id = ?").run(value, .text(id))
            } else {
                try db.prepare("DELETE FROM conversations WHERE id = ?").run(.text(id))
            }
            if db.changes == 0 {
                throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
            }
        }
    }
}

/// The SQL that reads conversation rows.
enum ConversationQueries {
    static func row(id: String, _ db: Database) throws -> ConversationRow? {
        let select = try db.prepare("SELECT \(ConversationRow.columns) FROM conversations WHERE id = ?")
        try select.bind(.text(id))
        return try select.step() ? ConversationRow(select) : nil
    }

    /// A page of rows, pinned first, then most recently updated, for `LIMIT ? OFFSET ?`.
    ///
    /// Both forms walk an index in this order (`conversations_order` for the unarchived, `conversations_all_order`
    /// with the archived ones), so a page costs its offset in index steps instead of a sort of every row.
    static func page(includeArchived: Bool) -> String {
        "SELECT \(ConversationRow.columns) FROM conversations \(includeArchived ? "" : "WHERE archived = 0") "
            + "ORDER BY pinned DESC, updated_at DESC, id LIMIT ? OFFSET ?"
    }

    static func row(provider: String, remoteID: String, _ db: Database) throws -> ConversationRow? {
        let select = try db.prepare(
            "SELECT \(ConversationRow.columns) FROM conversations WHERE provider = ? AND remote_id = ?")
        try select.bind(.text(provider), .text(remoteID))
        return try select.step() ? ConversationRow(select) : nil
    }

    /// Moves `updated_at` forward to `time` if it is later.
    static func touch(_ id: String, at time: Double, _ db: Database) throws {
        try db.prepare("UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?").run(.double(time), .text(id))
    }
}
