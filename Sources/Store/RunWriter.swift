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
/// The reply itself is rewritten at most every `replyInterval` seconds (and at the end): rewriting a growing
/// reply with every batch would cost the square of its length, and the records alone rebuild it after a
/// crash. The writer takes the caller's folded reply once, then keeps its own copy up to date by applying each
/// batch's events to it (the same fold as `RunLog`), so a quiet stream's timer flush can write it too, and
/// the caller's reply is never shared again, which would make the caller copy it on its next record.
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
        /// The bytes of `pending`'s records.
        var pendingBytes = 0
        var head: ResponseHead?
        var metrics = RunMetrics()
        /// The reply as of the last record queued: taken from the caller once, then folded here.
        var reply: Message?
        /// True when `reply` has changed since it was last written.
        var replyChanged = false
        /// Set by `finish`: the final reply is written whatever the interval.
        var replyFinal = false
        /// True once the reply written has outgrown what the search index covers (see `Migrations.v7`).
        var replyIndexed = false
        var dirty = false
        var nextSeq = 0
        var lastFlush: Double
        var lastReplyWrite: Double?
        /// When the writer was made: the run's start.
        var startedAt: Double
        var batches = 0
    }

    /// The runs writers of this process are writing: neither finished nor dropped.
    private static let live = Mutex(Set<String>())

    /// True while a writer of this process works on the run.
    static func isLive(_ runID: String) -> Bool { live.withLock { $0.contains(runID) } }

    init(
        store: SQLiteStore, runID: String, conversationID: String, policy: Policy, now: @escaping @Sendable () -> Double
    ) {
        self.store = store
        self.runID = runID
        self.conversationID = conversationID
        self.policy = policy
        self.now = now
        let start = now()
        batch = Mutex(Batch(lastFlush: start, startedAt: start))
        _ = Self.live.withLock { $0.insert(runID) }
    }

    deinit {
        _ = Self.live.withLock { $0.remove(runID) }
    }

    /// About the memory a waiting record costs besides its bytes (its events and bookkeeping).
    public static let recordOverhead = 256

    /// About the memory of the records waiting for the next write (more while the file cannot be written):
    /// their bytes and `recordOverhead` each.
    public var pendingBytes: Int { batch.withLock { $0.pendingBytes } }

    /// How many records and batches have reached the file.
    public var written: (records: Int, batches: Int) { batch.withLock { ($0.nextSeq, $0.batches) } }

    /// Notes the response head; it is written with the next batch.
    public func noteHead(_ head: ResponseHead) throws {
        try batch.withLock { batch in
            batch.metrics.noteHead(at: head.receivedAt)
            batch.head = head
            batch.dirty = true
            try flush(&batch, force: false)
        }
    }

    /// Queues `records`, which `log` has already folded, and writes a batch if one is due. Returns true when
    /// it wrote.
    @discardableResult
    public func append(_ records: [RawRecord], folded log: RunLog) throws -> Bool {
        try append(records, metrics: log.metrics, reply: log.reply)
    }

    /// Queues `records` with the run's figures after them, and writes a batch if one is due. `reply` is the
    /// reply after them; it is read only on the first call, later calls fold the records into the writer's own
    /// copy. Records that could not be written stay queued for the next write. Returns true when it wrote.
    @discardableResult
    public func append(_ records: [RawRecord], metrics: RunMetrics, reply: @autoclosure () -> Message) throws -> Bool {
        try batch.withLock { batch in
            if batch.pending.isEmpty { batch.pending = records } else { batch.pending += records }  // shared, not copied
            batch.pendingBytes += records.reduce(0) { $0 + $1.bytes.count + Self.recordOverhead }
            batch.metrics = metrics
            batch.dirty = batch.dirty || !records.isEmpty
            if batch.reply == nil {
                batch.reply = reply()
            } else {
                batch.reply?.apply(eventsOf: records)
            }
            batch.replyChanged = batch.replyChanged || records.contains { !$0.events.isEmpty }
            return try flush(&batch, force: false)
        }
    }

    /// Writes waiting records if the delay has passed; call it on a timer while the stream is quiet.
    @discardableResult
    public func flushIfDue() throws -> Bool {
        try batch.withLock { try flush(&$0, force: false) }
    }

    /// Ends the run with its final fold (see `RunLog.end`): writes every waiting record, the reply and the
    /// figures.
    public func finish(_ log: RunLog) throws {
        try batch.withLock { batch in
            batch.metrics = log.metrics
            batch.reply = log.reply
            batch.replyChanged = true
            batch.replyFinal = true
            batch.dirty = true
            _ = try flush(&batch, force: true)
            _ = Self.live.withLock { $0.remove(runID) }
        }
    }

    /// A reply rewritten before the run ends costs SQLite twice its size (the old row read back, the new one
    /// built), so a reply over `rewriteBytes` is rewritten proportionally less often: a 20 MiB reply every 20
    /// intervals, counted from the start, and a reply that arrives in one piece only once, at the end.
    static let rewriteBytes = 1 << 20

    private func replyRewriteDue(_ batch: Batch, at time: Double) -> Bool {
        time >= replyRewriteTime(batch)
    }

    /// True when the reply has become longer than the search index covers and was not written so yet: written
    /// now, its indexed part is indexed while it streams, and the end of the run has nothing left to index (see
    /// `Migrations.v7`). Not for a reply already over `rewriteBytes`: writing it early would cost what the
    /// less frequent rewrites of a big reply save (a reply that arrives in one 20 MiB piece is indexed at the end).
    private func outgrewTheIndex(_ batch: Batch) -> Bool {
        guard !batch.replyIndexed, let text = batch.reply?.text, text.utf8.count <= Self.rewriteBytes else {
            return false
        }
        return MessageQueries.outgrowsTheIndex(text)
    }

    /// When the reply may next be rewritten before the run ends.
    private func replyRewriteTime(_ batch: Batch) -> Double {
        let size = (batch.reply?.text.utf8.count ?? 0) + (batch.reply?.reasoning.utf8.count ?? 0)
        let interval = policy.replyInterval * max(1, Double(size) / Double(Self.rewriteBytes))
        guard let last = batch.lastReplyWrite ?? (size > Self.rewriteBytes ? batch.startedAt : nil) else {
            return -.infinity
        }
        return last + interval
    }

    /// When `flushIfDue` will next have something to write (on the writer's clock), or nil while nothing waits.
    /// A quiet stream's timer can sleep until then instead of ticking.
    public var nextDue: Double? {
        batch.withLock { batch in
            let records = batch.dirty ? batch.lastFlush + policy.maxDelay : nil
            let reply = batch.replyChanged ? max(batch.lastFlush + policy.maxDelay, replyRewriteTime(batch)) : nil
            return [records, reply].compactMap { $0 }.min()
        }
    }

    /// Writes what is due: waiting records once `maxRecords` wait or `maxDelay` has passed, and the reply at
    /// most every `replyInterval` (on the same `maxDelay` cadence, so a quiet stream's reply still catches up).
    @discardableResult
    private func flush(_ batch: inout Batch, force: Bool) throws -> Bool {
        let time = now()
        let waited = time - batch.lastFlush >= policy.maxDelay
        let outgrew = batch.replyChanged && outgrewTheIndex(batch)
        let replyDue = batch.replyChanged && (batch.replyFinal || replyRewriteDue(batch, at: time) || outgrew)
        let recordsDue = batch.dirty && (batch.pending.count >= policy.maxRecords || waited)
        guard force || recordsDue || (replyDue && waited) else { return false }
        let reply = replyDue ? batch.reply : nil
        try store.writeBatch(
            runID: runID, conversationID: conversationID, records: batch.pending, firstSeq: batch.nextSeq, reply: reply,
            metrics: batch.metrics, head: batch.head, final: batch.replyFinal)
        if reply != nil {
            batch.lastReplyWrite = time
            batch.replyChanged = false
            batch.replyIndexed = batch.replyIndexed || outgrew
        }
        batch.nextSeq += batch.pending.count
        batch.pending.removeAll(keepingCapacity: true)
        batch.pendingBytes = 0
        batch.head = nil
        batch.dirty = false
        batch.lastFlush = time
        batch.batches += 1
        return true
    }
}
