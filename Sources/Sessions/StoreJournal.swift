import ChatModel
import Foundation
import Store
import Synchronization
import Wire

/// Writes runs to the SQLite store as they stream, so a crash loses at most the last fraction of a second.
///
/// The conversation and the user's prompt are stored when a run starts; the reply, its request, response
/// head and every raw record follow in batches through the store's `RunWriter`. None of it runs on the
/// caller's thread: each call queues what it reports and returns, and the journal's own thread writes it
/// on a connection of its own (`JournalThread`), so neither a slow disk nor a reader of the same file holds a
/// stream back. Only the end of a run waits, until its reply is in the file (unless writes are failing), and a
/// stream waits when `memoryLimit` bytes of its records are not written yet. A failed write is tried again
/// and reported through `onProblem`; nothing is dropped without saying so.
public final class StoreJournal: RunJournal {
    /// About how much memory records may take while they wait for the file before a stream is held back.
    public static let defaultMemoryLimit = 2 << 20
    /// The bound for a command with no screen to hold, such as `parley send`: a burst goes on while the store's
    /// thread indexes a long reply (about 20 ms, see `Migrations.v7`) instead of waiting for it.
    public static let commandMemoryLimit = 16 << 20

    private let thread: JournalThread
    /// Runs whose first progress (which carries the reply) has been queued.
    private let replied = Mutex(Set<RunID>())

    /// `store` is the file; the journal writes on `connection`, by default a second connection to it (the same
    /// one if a second cannot be opened: slower to share, never wrong).
    /// `now` dates what is stored; `uptime` (seconds from any fixed point) paces the batches. `onProblem` hears
    /// of a failing write, and `nil` once writes succeed again; it is called on the journal's thread.
    public init(
        store: SQLiteStore, connection: SQLiteStore? = nil, provider: String, profile: String?,
        now: @escaping @Sendable () -> Date = { Date() },
        uptime: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
        memoryLimit: Int = StoreJournal.defaultMemoryLimit,
        onProblem: @escaping @Sendable ((any Error)?) -> Void = { _ in }
    ) {
        let worker = JournalWorker(
            store: connection ?? (try? store.secondConnection()) ?? store, provider: provider, profile: profile, now: now,
            uptime: uptime)
        thread = JournalThread(worker: worker, limit: memoryLimit, report: onProblem)
    }

    /// The first error writing to the store, if any; runs go on, and the caller can show it.
    public var lastError: (any Error)? { thread.firstError }

    /// What runs reported that is not in the file: not yet (while writes fail) or never (the store refused it).
    /// Zero after a run means everything it received is stored.
    public var unwritten: Int { thread.unwritten }

    public func runStarted(_ run: RunLog, prompt: Message?) async {
        thread.post(.started(conversationID: run.conversationID, remoteID: run.remoteConversationID, prompt: prompt))
    }

    public func runSent(_ run: RunLog, request: HTTPRequest) async {
        let stored = RunRequest(
            method: request.method, url: request.url, headers: request.headers, body: request.body,
            credentials: request.credentials)
        thread.post(.sent(runID: run.id, conversationID: run.conversationID, reply: run.reply, request: stored))
    }

    public func runReceivedHead(_ run: RunLog, head: HTTPResponseHead, at time: Double) async {
        thread.post(.head(runID: run.id, ResponseHead(status: head.status, headers: head.headers, receivedAt: time)))
    }

    public func runProgressed(_ run: RunLog, records: [RawRecord]) async {
        let first = replied.withLock { $0.insert(run.id).inserted }
        thread.post(.progressed(runID: run.id, records: records, metrics: run.metrics, reply: first ? run.reply : nil))
        await thread.waitForSpace()
    }

    public func runEnded(_ run: RunLog) async {
        _ = replied.withLock { $0.remove(run.id) }
        await thread.waitUntilHandled(thread.post(.ended(run)))
    }

    /// Writes what quiet streams have waited long enough for, and returns once everything reported before
    /// is handled. The journal's thread does this on its own every 50 ms; tests call it to step the clock.
    public func flushDue() async {
        await thread.waitUntilHandled(thread.post(.flushDue))
    }

    /// A conversation title from its first prompt: the first line, at most 60 characters.
    static func title(for prompt: String) -> String {
        let line = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "New conversation" }
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}
