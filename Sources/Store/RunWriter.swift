import ChatModel
import Foundation

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
public final class RunWriter: @unchecked Sendable {
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
    private let lock = NSLock()
    private var pending: [RawRecord] = []
    private var pendingHead: ResponseHead?
    private var metrics = RunMetrics()
    /// The reply as of the latest batch, kept only until it is written.
    private var unwrittenReply: Message?
    private var dirty = false
    private var nextSeq = 0
    private var lastFlush: Double
    private var lastReplyWrite: Double?
    private var batches = 0

    init(
        store: SQLiteStore, runID: String, conversationID: String, policy: Policy, now: @escaping @Sendable () -> Double
    ) {
        self.store = store
        self.runID = runID
        self.conversationID = conversationID
        self.policy = policy
        self.now = now
        lastFlush = now()
    }

    /// How many records and batches have reached the file.
    public var written: (records: Int, batches: Int) { lock.withLock { (nextSeq, batches) } }

    /// Notes the response head; it is written with the next batch.
    public func noteHead(_ head: ResponseHead) throws {
        try lock.withLock {
            metrics.noteHead(at: head.receivedAt)
            pendingHead = head
            dirty = true
            try flushLocked(force: false, log: nil)
        }
    }

    /// Queues `records`, which `log` has already folded, and writes a batch if one is due. Returns true when
    /// it wrote.
    @discardableResult
    public func append(_ records: [RawRecord], folded log: RunLog) throws -> Bool {
        try lock.withLock {
            pending += records
            metrics = log.metrics
            dirty = dirty || !records.isEmpty
            return try flushLocked(force: false, log: log)
        }
    }

    /// Writes waiting records if the delay has passed; call it on a timer while the stream is quiet.
    @discardableResult
    public func flushIfDue() throws -> Bool {
        try lock.withLock { try flushLocked(force: false, log: nil) }
    }

    /// Ends the run with its final fold (see `RunLog.end`): writes every waiting record, the reply and the
    /// figures.
    public func finish(_ log: RunLog) throws {
        try lock.withLock {
            metrics = log.metrics
            unwrittenReply = log.reply
            lastReplyWrite = nil
            dirty = true
            _ = try flushLocked(force: true, log: log)
        }
    }

    @discardableResult
    private func flushLocked(force: Bool, log: RunLog?) throws -> Bool {
        guard dirty else { return false }
        let time = now()
        guard force || pending.count >= policy.maxRecords || time - lastFlush >= policy.maxDelay else { return false }
        var reply = unwrittenReply
        if let log, lastReplyWrite.map({ time - $0 >= policy.replyInterval }) ?? true { reply = log.reply }
        try store.writeBatch(
            runID: runID, conversationID: conversationID, records: pending, firstSeq: nextSeq, reply: reply,
            metrics: metrics, head: pendingHead)
        if reply != nil { lastReplyWrite = time }
        nextSeq += pending.count
        pending.removeAll(keepingCapacity: true)
        pendingHead = nil
        unwrittenReply = nil
        dirty = false
        lastFlush = time
        batches += 1
        return true
    }
}
