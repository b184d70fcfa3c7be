import ChatModel

/// One stored conversation as the list shows it: the conversation and how its newest message ended.
public struct ConversationSummary: Sendable, Equatable {
    public var conversation: Conversation
    /// Streaming, failed, interrupted or cancelled is marked in the row; `nil` or complete is not.
    public var status: Message.Status?

    public init(conversation: Conversation, status: Message.Status? = nil) {
        self.conversation = conversation
        self.status = status
    }
}

/// One conversation that matched a search, with the passage that matched and where the matched words are.
public struct SearchResult: Sendable, Equatable {
    public var conversation: Conversation
    /// The message the passage is from; `nil` when the title matched. Enter opens the transcript at it.
    public var messageID: String?
    public var snippet: String
    /// The matched words, as character offsets into `snippet`.
    public var matches: [Range<Int>]

    public init(conversation: Conversation, messageID: String?, snippet: String, matches: [Range<Int>]) {
        self.conversation = conversation
        self.messageID = messageID
        self.snippet = snippet
        self.matches = matches
    }
}

/// The stored rows the list holds in memory: a window of the whole list, read from the store as the user scrolls.
public struct ConversationWindow: Sendable, Equatable {
    /// The list position of `rows[0]` among stored rows.
    public var first = 0
    public var rows: [ConversationSummary] = []

    public init(first: Int = 0, rows: [ConversationSummary] = []) {
        self.first = first
        self.rows = rows
    }

    /// The stored row at list position `index`, if it is in the window.
    public func row(_ index: Int) -> ConversationSummary? {
        let offset = index - first
        return rows.indices.contains(offset) ? rows[offset] : nil
    }
}
