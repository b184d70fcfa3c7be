import ChatModel

/// One row of the workbench's conversation list: the conversation and how its newest message ended.
public struct ListedConversation: Sendable, Equatable {
    public var conversation: Conversation
    /// The status of the conversation's newest message (`nil` when it has none): a streaming, failed,
    /// interrupted or cancelled reply is marked in the list.
    public var lastStatus: Message.Status?

    public init(conversation: Conversation, lastStatus: Message.Status?) {
        self.conversation = conversation
        self.lastStatus = lastStatus
    }
}

/// The workbench's list of every unarchived conversation, grouped by profile, pinned first, then newest.
extension SQLiteStore {
    /// Rows `offset ..< offset + limit` of the list, leaving out `excluding` (conversations the caller shows
    /// elsewhere). The order is served by the `conversations_profile_order` index, so a page costs its offset in
    /// index steps and never a sort of the whole table.
    public func listedConversations(offset: Int, limit: Int, excluding: [String] = []) throws -> [ListedConversation] {
        try locked { db in
            let select = try db.prepare(Self.listedPage(excluding: excluding.count))
            try select.bind(excluding.map(SQLValue.text) + [.int(max(0, limit)), .int(max(0, offset))])
            var rows: [ListedConversation] = []
            while try select.step() {
                let status = select.optionalText(9).flatMap(Message.Status.init(rawValue:))
                rows.append(ListedConversation(conversation: RecordMapping.conversation(ConversationRow(select)), lastStatus: status))
            }
            return rows
        }
    }

    /// How many rows the list has, leaving out `excluding`.
    public func listedConversationCount(excluding: [String] = []) throws -> Int {
        try locked { db in
            let select = try db.prepare("SELECT COUNT(*) FROM conversations WHERE archived = 0\(Self.exclusion(excluding.count))")
            try select.bind(excluding.map(SQLValue.text))
            return try select.step() ? select.int(0) : 0
        }
    }

    /// The page's SQL, for `excluding` ids then `LIMIT ? OFFSET ?`.
    static func listedPage(excluding count: Int) -> String {
        """
        SELECT \(ConversationRow.columns),
        (SELECT status FROM messages m WHERE m.conversation_id = conversations.id ORDER BY position DESC LIMIT 1)
        FROM conversations WHERE archived = 0\(exclusion(count))
        ORDER BY profile, pinned DESC, updated_at DESC, id LIMIT ? OFFSET ?
        """
    }

    private static func exclusion(_ count: Int) -> String {
        count == 0 ? "" : " AND id NOT IN (" + Array(repeating: "?", count: count).joined(separator: ", ") + ")"
    }
}
