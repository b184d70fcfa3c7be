import ChatModel

/// One conversation as the workbench holds it: its messages and the raw log of each reply received.
public struct ConversationEntry: Sendable {
    public var conversation: Conversation
    public var messages: [Message]
    /// The run log of each assistant reply received in this session or loaded with its records, by message id.
    public var logs: [String: RunLog]
    /// False for a stored conversation whose messages have not been read yet.
    public var isLoaded: Bool
    /// True for a conversation opened from the store's list; false for one started in this session.
    public var isStored: Bool
    /// The store's id of a conversation started in this session, once its first turn stored it.
    public var storeID: String?

    public init(
        conversation: Conversation, messages: [Message] = [], logs: [String: RunLog] = [:], isLoaded: Bool = true,
        isStored: Bool = false
    ) {
        self.conversation = conversation
        self.messages = messages
        self.logs = logs
        self.isLoaded = isLoaded
        self.isStored = isStored
    }

    /// True when `id` names this conversation, by the workbench's id or the store's.
    func isNamed(_ id: String) -> Bool { conversation.id == id || storeID == id }

    /// The newest assistant reply, which the inspector shows.
    public var latestReply: Message? { messages.last(where: { $0.role == .assistant }) }

    /// True while a reply in this conversation is still streaming.
    public var isStreaming: Bool { messages.last?.status == .streaming }
}
