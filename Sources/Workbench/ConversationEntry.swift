import ChatModel

/// One conversation as the workbench holds it: its messages and the raw log of each reply received.
public struct ConversationEntry: Sendable {
    public var conversation: Conversation
    public var messages: [Message]
    /// The run log of each assistant reply received in this session or loaded with its records, by message id.
    public var logs: [String: RunLog]
    /// False for a stored conversation whose messages have not been read yet.
    public var isLoaded: Bool

    public init(conversation: Conversation, messages: [Message] = [], logs: [String: RunLog] = [:], isLoaded: Bool = true) {
        self.conversation = conversation
        self.messages = messages
        self.logs = logs
        self.isLoaded = isLoaded
    }

    /// The newest assistant reply, which the inspector shows.
    public var latestReply: Message? { messages.last(where: { $0.role == .assistant }) }

    /// True while a reply in this conversation is still streaming.
    public var isStreaming: Bool { messages.last?.status == .streaming }
}
