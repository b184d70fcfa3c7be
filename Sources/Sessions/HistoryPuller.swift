import ChatModel
import Foundation
import Providers
import Store
import Wire

/// Pulls a provider's own conversation history into the store, so it can be browsed and searched offline.
///
/// Providers only build requests and parse replies; this walks their paged lists over an `HTTPTransport` and
/// merges each conversation with `SQLiteStore.importRemote`, which is keyed by provider and remote id, so
/// pulling again updates what is there instead of duplicating it. Paging is bounded: at most `maxPages`
/// pages per list, and a cursor that repeats ends the walk.
public struct HistoryPuller: Sendable {
    /// What one pull did.
    public struct Summary: Sendable, Equatable {
        public var conversationsNew = 0
        public var conversationsUpdated = 0
        public var messagesNew = 0
        public var messagesUpdated = 0
        /// One line per conversation that could not be pulled; the others are still stored.
        public var failures: [String] = []

        public init() {}

        /// `Pulled 3 dify conversations (3 new, 0 updated) with 12 messages (12 new, 0 updated).`
        public func line(kind: String) -> String {
            let conversations = conversationsNew + conversationsUpdated
            let messages = messagesNew + messagesUpdated
            return "Pulled \(conversations) \(kind) conversation\(conversations == 1 ? "" : "s") "
                + "(\(conversationsNew) new, \(conversationsUpdated) updated) with \(messages) message\(messages == 1 ? "" : "s") "
                + "(\(messagesNew) new, \(messagesUpdated) updated)."
        }

        mutating func add(_ result: ImportResult) {
            if result.conversationCreated { conversationsNew += 1 } else { conversationsUpdated += 1 }
            messagesNew += result.messagesInserted
            messagesUpdated += result.messagesUpdated
        }
    }

    public var transport: any HTTPTransport
    public var options: TransportOptions
    public var store: SQLiteStore
    /// The profile name stored with each conversation, if the endpoint came from one.
    public var profile: String?
    /// The most pages read from any one list.
    public var maxPages: Int

    public init(
        transport: any HTTPTransport, options: TransportOptions = TransportOptions(), store: SQLiteStore,
        profile: String? = nil, maxPages: Int = 1000
    ) {
        self.transport = transport
        self.options = options
        self.store = store
        self.profile = profile
        self.maxPages = maxPages
    }

    /// Pulls every conversation the provider lists. Throws when the list itself cannot be read, or when the
    /// provider keeps no history Parley can list.
    public func pull(from provider: any ChatProvider) async throws -> Summary {
        guard ProviderKind(rawValue: provider.kind)?.details.supports(.historyPull) == true else {
            throw PullError.unsupported(Self.unsupportedReason(kind: provider.kind))
        }
        switch provider {
        case let dify as DifyProvider: return try await pullDify(dify)
        case let helix as HelixProvider: return try await pullHelix(helix)
        default: throw PullError.unsupported(Self.unsupportedReason(kind: provider.kind))
        }
    }

    /// Why a provider kind cannot be pulled from, in words that say what to do instead (from the registry).
    public static func unsupportedReason(kind: String) -> String {
        let pullable = ProviderKind.supporting(.historyPull).map(\.rawValue).joined(separator: " and ")
        guard let known = ProviderKind(rawValue: kind) else {
            return "Parley cannot pull history from a \(kind) provider; it can from \(pullable)."
        }
        let details = known.details
        let stored = " Conversations you have through Parley are stored as you go."
        if details.supports(.sessions) {
            return "\(details.title) has no endpoint that lists \(details.conversationNoun)s, so there is no history to pull." + stored
        }
        return "The \(details.title) API keeps no \(details.conversationNoun)s on the server, so there is nothing to pull." + stored
    }

    /// Merges one remote conversation: every message keyed by the id the provider's parser gave it, which
    /// is unique and stable (a Dify turn's query is `<message id>:query`, a Helix prompt `<interaction>:prompt`).
    func store(
        kind: String, listed: Providers.RemoteConversation, messages: [Message], into summary: inout Summary
    ) throws {
        let keyed = messages.map { message -> Message in
            var message = message
            message.remoteID = message.id
            return message
        }
        let created = listed.createdAt ?? keyed.first?.createdAt ?? Date(timeIntervalSince1970: 0)
        let updated = listed.updatedAt ?? keyed.last?.createdAt ?? created
        let title = listed.title.isEmpty ? (listed.summary ?? "Untitled \(kind) conversation") : listed.title
        let remote = Store.RemoteConversation(
            provider: kind, remoteID: listed.id, title: title, profile: profile, createdAt: created,
            updatedAt: max(updated, created), messages: keyed)
        summary.add(try store.importRemote(remote))
    }

    /// Sends a request and reads its reply; errors name the server, as `CompanionClient.call` does.
    func call<Reply>(_ request: HTTPRequest, read: (Int, [UInt8]) throws -> Reply) async throws -> Reply {
        try await CompanionClient(transport: transport, options: options).call(request, read: read)
    }
}

/// Why a pull could not start.
public enum PullError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider keeps no history that can be listed.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unsupported(let reason): return reason
        }
    }
}
