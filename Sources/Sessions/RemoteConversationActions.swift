import ChatModel
import Providers
import Wire

/// Renames and deletes a conversation on the provider's server, beside the local store.
///
/// Dify conversations and Helix sessions can be renamed and deleted; Big Hummingbird sessions can only be
/// deleted, and that call is undocumented, so a refusal is reported but does not stop a local delete. The
/// store itself is left to the caller, which acts on it only once the server has answered.
public struct RemoteConversationActions: Sendable {
    /// What a remote delete came to.
    public enum DeleteOutcome: Sendable, Equatable {
        case deleted
        /// The server would not delete it; the reason says so, and the local copy may still go.
        case refused(String)
    }

    public var client: CompanionClient

    public init(client: CompanionClient) {
        self.client = client
    }

    /// Renames `remoteID` on the server; returns the title the server now has.
    public func rename(remoteID: String, to title: String, with provider: any ChatProvider) async throws -> String {
        guard ProviderKind(rawValue: provider.kind)?.details.supports(.remoteRename) == true else {
            throw RemoteActionError(Self.noCall("rename", kind: provider.kind))
        }
        switch provider {
        case let dify as DifyProvider:
            return try await client.call(try dify.renameRequest(conversationID: remoteID, name: title), read: DifyReplies.renamed).title
        case let helix as HelixProvider:
            return try await client.call(
                try helix.renameSessionRequest(id: remoteID, name: title), read: HelixProvider.parseRenamedSession).title
        default:
            throw RemoteActionError(Self.noCall("rename", kind: provider.kind))
        }
    }

    /// Deletes `remoteID` on the server. Throws when a Dify or Helix server refuses, so the caller keeps the
    /// local copy; a Big Hummingbird refusal is returned as `.refused` instead.
    public func delete(remoteID: String, with provider: any ChatProvider) async throws -> DeleteOutcome {
        guard ProviderKind(rawValue: provider.kind)?.details.supports(.remoteDelete) == true else {
            throw RemoteActionError(Self.noCall("delete", kind: provider.kind))
        }
        switch provider {
        case let dify as DifyProvider:
            try await client.call(try dify.deleteConversationRequest(conversationID: remoteID), read: DifyReplies.deleted)
            return .deleted
        case let helix as HelixProvider:
            try await client.call(helix.deleteSessionRequest(id: remoteID), read: HelixProvider.parseDeleted)
            return .deleted
        case let hummingbird as HummingbirdProvider:
            let request = hummingbird.deleteRequest(sessionID: remoteID)
            let reply: (status: Int, body: [UInt8])
            do {
                reply = try await client.fetch(request)
            } catch {
                return .refused("The server could not be asked to delete the session (\(error)); it is forgotten locally only.")
            }
            switch HummingbirdProvider.parseDeleted(status: reply.status, body: reply.body) {
            case .deleted: return .deleted
            case .refused(let error):
                return .refused(error.message + (request.endpoint.map { " (from \($0))" } ?? ""))
            }
        default:
            throw RemoteActionError(Self.noCall("delete", kind: provider.kind))
        }
    }

    /// Why a provider kind has no such call, in words that say what to do instead (from the registry).
    public static func noCall(_ action: String, kind: String) -> String {
        let name: String
        if let details = ProviderKind(rawValue: kind)?.details {
            let noun = details.conversationNoun
            let article = "aeiou".contains(noun.first ?? "x") ? "an" : "a"
            name = details.supports(.sessions)
                ? "\(details.title) has no call to \(action) \(article) \(noun)"
                : "The \(details.title) API keeps no \(noun) on the server to \(action)"
        } else {
            name = "A \(kind) provider has no call to \(action) a conversation"
        }
        return name + "; leave out --remote to \(action) it locally only."
    }
}

/// A remote action that cannot be done, with a message meant for the user.
public struct RemoteActionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
