import ChatModel
import Foundation

/// Stores a streaming reply as it arrives: raw records and the folded reply, in batched transactions.
///
/// One transaction per record would cap a fast stream at the disk's sync rate; one at the end would lose
/// everything on a crash. A batch is written when `maxRecords` are waiting or `maxDelay` seconds have passed
/// since the last write, so a kill loses at most that much. The caller supplies the clock and should call
/// `flushIfDue()` on a timer while a stream is quiet, so a record never waits longer than `maxDelay`.
public final class RunWriter: @unchecked Sendable {
    /// When a batch is written.
    public struct Policy: Sendable, Equatable {
        public var maxRecords: Int
        public var maxDelay: Double

        public init(maxRecords: Int = 64, maxDelay: Double = 0.1) {
            self.maxRecords = max(1, maxRecords)
            self.maxDelay = maxDelay
        }
    }

    public let runID: String
    public let conversationID: String
    private let store: SQLiteStore
    private let policy: Policy
    private let now: @Sendable () -> Double
    private let lock = NSLock()
    private var reply: Message
    private var metrics = RunMetrics()
    private var pending: [RawRecord] = []
    private var pendingHead: ResponseHead?
    private var dirty = false
    private var nextSeq = 0
    private var lastFlush: Double
    private var batches = 0

    init(
        store: SQLiteStore, runID: String, conversationID: String, reply: Message, policy: Policy,
        now: @escaping @Sendable () -> Double
    ) {
        self.store = store
        self.runID = runID
        self.conversationID = conversationID
        self.reply = reply
        self.policy = policy
        self.now = now
        lastFlush = now()
    }

    /// The reply as folded so far (including records not yet written).
    public var currentReply: Message { lock.withLock { reply } }

    /// The run's figures so far.
    public var currentMetrics: RunMetrics { lock.withLock { metrics } }

    /// How many records and batches have reached the file.
    public var written: (records: Int, batches: Int) { lock.withLock { (nextSeq, batches) } }

    /// Notes the response head; it is written with the next batch.
    public func noteHead(_ head: ResponseHead) throws {
        try lock.withLock {
            metrics.noteHead(at: head.receivedAt)
            pendingHead = head
            dirty = true
            try flushLocked(force: false)
        }
    }

    /// Folds the records into the reply and writes a batch if one is due. Returns true when it wrote.
    @discardableResult
    public func append(_ records: [RawRecord]) throws -> Bool {
        try lock.withLock {
            for record in records {
                for event in record.events { reply.apply(event) }
                metrics.note(record)
            }
            pending += records
            dirty = dirty || !records.isEmpty
            return try flushLocked(force: false)
        }
    }

    /// Writes waiting records if the delay has passed; call it on a timer while the stream is quiet.
    @discardableResult
    public func flushIfDue() throws -> Bool {
        try lock.withLock { try flushLocked(force: false) }
    }

    /// Writes whatever is waiting now.
    public func flush() throws {
        try lock.withLock { _ = try flushLocked(force: true) }
    }

    /// Ends the run: applies `failure` if given (cancel, transport error), records the duration, and writes
    /// everything. A reply that is still `streaming` afterwards had no end marker and becomes `interrupted`.
    public func finish(duration: Double, failure: ProviderError? = nil) throws {
        try lock.withLock {
            if let failure { reply.apply(.failed(failure)) }
            if reply.status == .streaming {
                reply.status = .interrupted
                reply.error = reply.error
                    ?? ProviderError(kind: .interrupted, message: "The stream ended without the provider's end marker.")
            }
            metrics.finish(at: duration)
            dirty = true
            _ = try flushLocked(force: true)
        }
    }

    @discardableResult
    private func flushLocked(force: Bool) throws -> Bool {
        guard dirty else { return false }
        let time = now()
        guard force || pending.count >= policy.maxRecords || time - lastFlush >= policy.maxDelay else { return false }
        try store.writeBatch(
            runID: runID, conversationID: conversationID, records: pending, firstSeq: nextSeq, reply: reply,
            metrics: metrics, head: pendingHead)
        nextSeq += pending.count
        pending.removeAll(keepingCapacity: true)
        pendingHead = nil
        dirty = false
        lastFlush = time
        batches += 1
        return true
    }
}
