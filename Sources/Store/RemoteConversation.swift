import ChatModel
import Foundation

/// A conversation as pulled from a provider's own history, ready to be merged into the store.
///
/// Identity is the provider's: the conversation by (`provider`, `remoteID`), each message by its
/// `Message.remoteID` within the conversation. Local ids are the store's business, so `Message.id` is ignored.
public struct RemoteConversation: Sendable, Equatable {
    public var provider: String
    public var remoteID: String
    public var title: String
    public var profile: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Oldest first; every message must carry a `remoteID` unique within the conversation.
    public var messages: [Message]

    public init(
        provider: String, remoteID: String, title: String, profile: String? = nil, createdAt: Date,
        updatedAt: Date, messages: [Message]
    ) {
        self.provider = provider
        self.remoteID = remoteID
        self.title = title
        self.profile = profile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messages = messages
    }
}

/// What one import did.
public struct ImportResult: Sendable, Equatable {
    /// The local id of the conversation, new or existing.
    public var conversationID: String
    public var conversationCreated: Bool
    public var messagesInserted: Int
    public var messagesUpdated: Int
}
