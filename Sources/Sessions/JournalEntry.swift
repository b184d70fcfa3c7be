import ChatModel
import Store

/// One thing the store journal hands its writer thread, in the order the runs reported it.
///
/// Each carries copies of what the writer needs, never a run's log: the controller goes on folding its log
/// while the entry waits.
enum JournalEntry: Sendable {
    /// A run began: its conversation, and the user's prompt when it is new.
    case started(conversationID: String, remoteID: String?, prompt: Message?)
    /// A run sent its request: the reply exists (streaming) and the run's records may follow.
    case sent(runID: RunID, conversationID: String, reply: Message, request: RunRequest)
    case head(runID: RunID, ResponseHead)
    /// New records with the figures after them; `reply` is the reply after them, sent once per run (the
    /// writer folds later records into its own copy).
    case progressed(runID: RunID, records: [RawRecord], metrics: RunMetrics, reply: Message?)
    /// The run ended with this final fold.
    case ended(RunLog)
    /// Write what quiet streams have waited long enough for.
    case flushDue

    /// About the memory the entry holds, for the journal's bound: its records' bytes and what each record
    /// costs besides (its events and bookkeeping).
    var bytes: Int {
        guard case .progressed(_, let records, _, _) = self else { return 0 }
        return records.reduce(0) { $0 + $1.bytes.count + RunWriter.recordOverhead }
    }
}
