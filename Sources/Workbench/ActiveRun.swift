/// The one run in flight: which conversation and reply it fills.
public struct ActiveRun: Sendable, Equatable {
    public var id: String
    public var conversationID: String
    public var messageID: String
    /// True once the user asked to cancel; the run then ends with a `cancelled` failure.
    public var cancelling = false

    public init(id: String, conversationID: String, messageID: String) {
        self.id = id
        self.conversationID = conversationID
        self.messageID = messageID
    }
}
