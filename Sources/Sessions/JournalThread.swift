import Foundation

/// The store journal's queue and the one thread that drains it, so SQLite never runs on the threads that
/// carry a stream or draw the screen, and a slow or locked file never holds a reply back.
///
/// Entries are handled in order. The thread takes everything waiting at once, so a fast stream's records go
/// into few, large transactions. A write that fails for a reason that may pass (busy, full, read-only) is
/// tried again, first after 50 ms and then less often up to every 2 s, with everything after it waiting
/// behind it; a write that can never succeed is reported and skipped. Memory is bounded: once `limit` bytes
/// of records wait (queued here or in the writers), `waitForSpace` holds the stream back, which pauses the
/// download, instead of buffering without end. The thread starts on the first entry and ends when nothing
/// waits and no run is open.
final class JournalThread: @unchecked Sendable {
    /// What changed about the store's health: a `StoreProblem`, or `nil` once writes succeed again.
    typealias Report = @Sendable (_ problem: (any Error)?) -> Void

    private enum Waiter {
        case space(CheckedContinuation<Void, Never>)
        case handled(Int, CheckedContinuation<Void, Never>)
    }

    /// The longest the thread sleeps while a run is open (a writer's `maxDelay`); it wakes earlier when a
    /// writer has something due sooner.
    static let tickInterval = 0.1
    /// Entries of records that wake the thread before its tick.
    private static let wakeEntries = 32
    private static let firstRetry = 0.05
    private static let lastRetry = 2.0

    private let worker: JournalWorker
    private let limit: Int
    private let report: Report
    /// Guards everything below; the thread waits on it for entries.
    private let condition = NSCondition()
    private var entries: [JournalEntry] = []
    /// Entries posted and entries handled (written, or reported and skipped), counted from the start.
    private var posted = 0
    private var handled = 0
    /// Entries that could never be stored, reported and skipped.
    private var skipped = 0
    private var queuedBytes = 0
    /// Record bytes the worker's writers held after the last batch.
    private var writerBytes = 0
    private var running = false
    private var waiters: [Waiter] = []
    /// The failure of the last write while writes fail; nil while they succeed.
    private var failure: (any Error)?
    private var retryDelay = JournalThread.firstRetry
    /// The first failure since the journal was made.
    private var firstFailure: (any Error)?

    init(worker: JournalWorker, limit: Int, report: @escaping Report) {
        self.worker = worker
        self.limit = limit
        self.report = report
    }

    /// The first write that failed, if any did.
    var firstError: (any Error)? { locked { firstFailure } }

    /// Entries not handled yet, and entries that could never be stored.
    var unwritten: Int { locked { posted - handled + skipped } }

    /// Queues an entry; returns its number for `waitUntilHandled`.
    @discardableResult
    func post(_ entry: JournalEntry) -> Int {
        locked {
            entries.append(entry)
            queuedBytes += entry.bytes
            posted += 1
            if !running {
                running = true
                let thread = Thread { [self] in drain() }
                thread.name = "parley-journal"
                thread.start()
            }
            // Records can wait for the next tick (the writer batches them anyway); waking the thread for each
            // record of a paced stream would cost more than writing it. Anything else, or a pile of records,
            // wakes it now.
            let isRecords = if case .progressed = entry { true } else { false }
            if !isRecords || entries.count >= Self.wakeEntries || queuedBytes >= limit / 8 { condition.signal() }
            return posted
        }
    }

    /// Returns once the records waiting to be written are under the memory bound; at once, without suspending,
    /// while they are (a fast stream reports progress a thousand times a second).
    func waitForSpace() async {
        guard !locked({ queuedBytes + writerBytes < limit }) else { return }
        await withCheckedContinuation { continuation in
            let ready = locked {
                guard queuedBytes + writerBytes >= limit else { return true }
                waiters.append(.space(continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Returns once entry `number` is handled, or at once while writes fail (the entry stays queued and is
    /// tried again as long as the process lives).
    func waitUntilHandled(_ number: Int) async {
        await withCheckedContinuation { continuation in
            let ready = locked {
                guard handled < number, failure == nil else { return true }
                waiters.append(.handled(number, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// The thread's loop: take what waits, write it, note what was done; tick while a run is open.
    private func drain() {
        while let batch = nextBatch() {
            var done = 0
            var retry: (any Error)?
            var problem: (any Error)?
            var skippedNow = 0
            for entry in batch {
                do {
                    try worker.handle(entry)
                } catch let error as RecordsNotWritten {
                    problem = error  // the records stay with their writer; the entry itself is done
                } catch where JournalWorker.isTransient(error) {
                    retry = error
                    break
                } catch {
                    problem = error  // can never be stored: reported, and the next entry goes on
                    skippedNow += 1
                }
                done += 1
            }
            if retry == nil, problem == nil {
                do { try worker.flushDue() } catch { problem = error }
            }
            finish(batch, done: done, skipped: skippedNow, failure: retry ?? problem, retrying: retry != nil)
        }
    }

    /// Waits for entries (or the next tick, or the retry time) and takes them; nil when the thread should end.
    private func nextBatch() -> [JournalEntry]? {
        condition.lock()
        defer { condition.unlock() }
        if failure != nil {
            _ = condition.wait(until: Date(timeIntervalSinceNow: retryDelay))
        } else if entries.isEmpty {
            guard worker.hasOpenRuns || writerBytes > 0 else {
                running = false
                return nil
            }
            // Sleep until a writer has something due (records that waited `maxDelay`, a reply to rewrite), at
            // most a tick: records posted meanwhile wait for it.
            let due = worker.nextDue.map { $0 - worker.clock } ?? Self.tickInterval
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(max(0, due), Self.tickInterval)))
        }
        let batch = entries
        entries.removeAll(keepingCapacity: true)
        return batch
    }

    /// Notes what a batch did: handled entries leave the count, the rest go back to the front. A change of the
    /// store's health is reported before waiters whose condition now holds go on.
    private func finish(_ batch: [JournalEntry], done: Int, skipped: Int, failure error: (any Error)?, retrying: Bool) {
        let pending = worker.pendingBytes
        var change: (any Error)??
        locked {
            entries.insert(contentsOf: batch[done...], at: 0)
            handled += done
            self.skipped += skipped
            queuedBytes -= batch[..<done].reduce(0) { $0 + $1.bytes }
            writerBytes = pending
            if let error {
                if failure == nil { change = .some(StoreProblem(cause: error, willRetry: retrying || pending > 0)) }
                failure = error
                firstFailure = firstFailure ?? error
                retryDelay = retrying || pending > 0 ? min(retryDelay * 2, Self.lastRetry) : Self.firstRetry
                if !retrying, pending == 0 { failure = nil }
            } else {
                if failure != nil { change = .some(nil) }
                failure = nil
                retryDelay = Self.firstRetry
            }
        }
        if let change { report(change) }
        locked { wakeWaiters() }
    }

    private func wakeWaiters() {
        let spaceFree = queuedBytes + writerBytes < limit
        waiters.removeAll { waiter in
            switch waiter {
            case .space(let continuation):
                guard spaceFree else { return false }
                continuation.resume()
            case .handled(let number, let continuation):
                guard handled >= number || failure != nil else { return false }
                continuation.resume()
            }
            return true
        }
    }
}

/// A write to the store that failed, as the journal reports it: whether it will be tried again, and why.
public struct StoreProblem: Error, CustomStringConvertible {
    public var cause: any Error
    /// True when the write waits and is tried again; false when it could never succeed and was skipped.
    public var willRetry: Bool

    public var description: String {
        willRetry ? "Not stored yet, retrying: \(cause)" : "Could not be stored: \(cause)"
    }
}
