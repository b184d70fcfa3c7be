import ChatModel
import Wire

/// Where a session controller writes what runs receive, as they receive it.
///
/// The SQLite store implements it in the app; tests use an in-memory one. Calls for one run arrive in order.
public protocol RunJournal: Sendable {
    /// A run began: the user's message (if new) and the empty reply exist from now on.
    func runStarted(_ run: RunLog, prompt: Message?) async
    /// The run sent a request (a run may send more than one: creating a session, then the turn).
    func runSent(_ run: RunLog, request: HTTPRequest) async
    /// The response head arrived, `at` seconds after the run started.
    func runReceivedHead(_ run: RunLog, head: HTTPResponseHead, at time: Double) async
    /// New records arrived; `run` is the reply and figures after them. Read it during the call, never keep it:
    /// a kept copy would make the controller copy the whole reply on its next record.
    func runProgressed(_ run: RunLog, records: [RawRecord]) async
    /// The run ended; `run.reply.status` says how.
    func runEnded(_ run: RunLog) async
}
