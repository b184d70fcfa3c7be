import ChatModel
import Foundation
import Synchronization

/// Stores a streaming reply as it arrives: raw records and the folded reply, in batched transactions.
///
/// One transaction per record would cap a fast stream at the disk's sync rate; one at the end would lose
/// everything on a crash. A batch is written when `maxRecords` are waiting or `maxDelay` seconds have passed
/// since the last write, so a kill loses at most that much. The caller supplies the clock and should call
/// `flushIfDue()` on a timer while a stream is quiet, so a record never waits longer than `maxDelay`.
///
/// The writer does not fold: the caller passes its `RunLog` with each batch of records, and the writer reads
/// it during the call without keeping it. The reply itself is rewritten at most every `replyInterval` seconds
/// (and at the end): rewriting a growing reply with every batch would cost the square of its length, and the
/// records alone rebuild it after a crash.
public final class RunWriter: Sendable {
    /// When a batch is written.
    public struct Policy: Sendable, Equatable {
        public var maxRecords: Int
        public var maxDelay: Double
        /// Seconds between rewrites of the growing reply.
        public var replyInterval: Double

        public init(maxRecords: Int = 64, maxDelay: Double = 0.1, replyInterval: Double = 1) {
            self.maxRecords = max(1, maxRecords)
            self.maxDelay = maxDelay
            self.replyInterval = replyInterval
        }
    }

    public let runID: String
    public let conversationID: String
    private let store: SQLiteStore
    private let policy: Policy
    private let now: @Sendable () -> Double
    private let batch: Mutex<Batch>

    /// What waits for the next write, and what has been written.
    private struct Batch {
        var pending: [RawRecord] = []
        var head: ResponseHead?
        var metrics = RunMetrics()
        /// The reply to write with the next batch, kept only until it is written.
        var reply: Message?
        var dirty = false
        var nextSeq = 0
        var lastFlush: Double
        var lastReplyWrite: Double?
        var batches = 0
    }

    init(
        store: SQLiteStore, runID: String, conversationID: String, policy: Policy, now: @escaping @Sendable () -> Double
    ) {
        self.store = store
        self.runID = runID
        self.conversationID = conversationID
        self.policy = policy
        self.now = now
        batch = Mutex(Batch(lastFlush: now()))
    }

    /// How many records and batches have reached the file.
    public var written: (records: Int, batches: Int) { batch.withLock { ($0.nextSeq, $0.batches) } }

    /// Notes the response head; it is written with the next batch.
    public func noteHead(_ head: ResponseHead) throws {
        try batch.withLock { batch in
            batch.metrics.noteHead(at: head.receivedAt)
            batch.head = head
            batch.dirty = true
            try flush(&batch, force: false, log: nil)
        }
    }

    /// Queues `records`, which `log` has already folded, and writes a batch if one is due. Returns true when
    /// it wrote.
    @discardableResult
    public func append(_ records: [RawRecord], folded log: RunLog) throws -> Bool {
        try batch.withLock { batch in
            batch.pending += records
            batch.metrics = log.metrics
            batch.dirty = batch.dirty || !records.isEmpty
            return try flush(&batch, force: false, log: log)
        }
    }

    /// Writes waiting records if the delay has passed; call it on a timer while the stream is quiet.
    @discardableResult
    public func flushIfDue() throws -> Bool {
        try batch.withLock { try flush(&$0, force: false, log: nil) }
    }

    /// Ends the run with its final fold (see `RunLog.end`): writes every waiting record, the reply and the
    /// figures.
    public func finish(_ log: RunLog) throws {
        try batch.withLock { batch in
            batch.metrics = log.metrics
            batch.reply = log.reply
            batch.lastReplyWrite = nil
            batch.dirty = true
            _ = try flush(&batch, force: true, log: log)
        }
    }

    @discardableResult
    private func flush(_ batch: inout Batch, force: Bool, log: RunLog?) throws -> Bool {
        guard batch.dirty else { return false }
        let time = now()
        guard force || batch.pending.count >= policy.maxRecords || time - batch.lastFlush >= policy.maxDelay else {
            return false
        }
        var reply = batch.reply
        if let log, batch.lastReplyWrite.map({ time - $0 >= policy.replyInterval }) ?? true { reply = log.reply }
        try store.writeBatch(
            runID: runID, conversationID: conversationID, records: batch.pending, firstSeq: batch.nextSeq, reply: reply,
            metrics: batch.metrics, head: batch.head)
        if reply != nil { batch.lastReplyWrite = time }
        batch.nextSeq += batch.pending.count
        batch.pending.removeAll(keepingCapacity: true)
        batch.head = nil
        batch.reply = nil
        batch.dirty = false
        batch.lastFlush = time
        batch.batches += 1
        return true
    }
}
