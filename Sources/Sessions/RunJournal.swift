import ChatModel
import Wire

/// Where a session controller writes what runs receive, as they receive it.
///
/// The SQLite store implements it in the app; tests use an in-memory one. Calls for one run arrive in order.
public protocol RunJournal: Sendable {
    /// A run began: the user's message (if new) and the empty reply exist from now on.
    func runStarted(_ run: RunSnapshot, prompt: Message?) async
    /// The run sent a request (a run may send more than one: creating a session, then the turn).
    func runSent(_ run: RunSnapshot, request: HTTPRequest) async
    /// The response head arrived, `at` seconds after the run started.
    func runReceivedHead(_ run: RunSnapshot, head: HTTPResponseHead, at time: Double) async
    /// New records arrived; `run` is the reply and figures after them.
    func runProgressed(_ run: RunSnapshot, records: [RawRecord]) async
    /// The run ended; `run.reply.status` says how.
    func runEnded(_ run: RunSnapshot) async
}

/// The state of one run at a moment: its ids, the reply so far and its figures.
public struct RunSnapshot: Sendable, Equatable {
    public var id: RunID
    public var conversationID: String
    public var reply: Message
    public var metrics: RunMetrics
    /// The remote conversation the server named, once it did.
    public var remoteConversationID: String?

    public init(id: RunID, conversationID: String, reply: Message, metrics: RunMetrics, remoteConversationID: String?) {
        self.id = id
        self.conversationID = conversationID
        self.reply = reply
        self.metrics = metrics
        self.remoteConversationID = remoteConversationID
    }
}

/// Identifies one run.
public struct RunID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}
