import ChatModel
import Foundation
import Providers
import Store
import Wire

/// Rates a Dify reply (like, dislike, or withdraw a rating) named by a local or remote message id.
///
/// Users see local ids in Parley and Dify's ids in Dify's console; either works, so a rating can be sent
/// from whichever the user has at hand.
public struct FeedbackSender: Sendable {
    public var client: CompanionClient

    public init(client: CompanionClient) {
        self.client = client
    }

    /// The Dify message id for `text`: a stored message's remote id (by local id or prefix, or remote id),
    /// or `text` itself when the store has no such message.
    public static func remoteMessageID(_ text: String, in store: SQLiteStore?) throws -> String {
        guard let store, let id = try store.findMessageID(text, role: .assistant), let message = try store.message(id: id) else {
            guard text.count == 36, UUID(uuidString: text) != nil else {
                throw RemoteActionError(
                    "Parley knows no reply whose id or Dify message id starts with \(text). Give a reply's id from "
                        + "`parley conversations show`, or Dify's whole message id (36 characters).")
            }
            return text
        }
        guard message.role == .assistant else {
            throw RemoteActionError("Message \(id) is a \(message.role.rawValue) message; feedback rates an assistant reply.")
        }
        guard let remoteID = message.remoteID, !remoteID.isEmpty else {
            throw RemoteActionError("Message \(id) has no remote id: the server never named it, so it cannot be rated there.")
        }
        return remoteID
    }

    /// Sends the rating and returns the request that carried it, once Dify accepted it.
    public func send(
        _ rating: DifyProvider.Rating?, messageID: String, with dify: DifyProvider
    ) async throws -> HTTPRequest {
        let request = try dify.feedbackRequest(messageID: messageID, rating: rating)
        try await client.call(request, read: DifyReplies.feedbackSent)
        return request
    }
}
