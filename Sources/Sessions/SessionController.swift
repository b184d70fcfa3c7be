import ChatModel
import Foundation
import Providers
import Wire

/// Runs turns for many conversations at once, keeps what every run received, and reports progress.
///
/// One run per assistant reply. The controller folds each run's records into its reply and figures, writes
/// them to the journal as they arrive, and continues each conversation's remote session on the next turn.
/// Cancelled and failed runs keep whatever arrived. Updates go out on one stream; a consumer that drains it
/// once per frame never falls behind however fast records come.
public actor SessionController {
    /// What the controller reports, in order per run.
    ///
    /// Progress carries only the new records, never the reply so far: a copy of a growing reply handed out per
    /// record would make the next append copy everything received (the cost of a stream would grow with the
    /// square of its length). Whoever shows a run folds the records into its own `RunLog`; the end carries
    /// the controller's log, the one the journal stored.
    public enum Update: Sendable, Equatable {
        case started(RunRef)
        /// The response head arrived, `at` seconds after the run started.
        case receivedHead(RunRef, status: Int, at: Double)
        case progressed(RunRef, records: [RawRecord])
        case ended(RunLog)
    }

    private struct Conversation {
        var history: [Message] = []
        var remoteID: String?
    }

    private let runner: RunStarter
    private let journal: (any RunJournal)?
    private let makeID: @Sendable () -> String
    private let now: @Sendable () -> Date
    private var conversations: [String: Conversation] = [:]
    private var active: [RunID: PreparedRun] = [:]
    /// Runs the user cancelled, started or not yet.
    private var cancelled: Set<RunID> = []
    /// `stopAll` calls waiting for the last live run to end.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Hands one update to whoever shows runs: the `updates` stream, or the observer.
    private let deliver: @Sendable (Update) -> Void

    /// Every run's progress, for the screen; empty when the controller was made with an observer.
    public nonisolated let updates: AsyncStream<Update>

    /// With an `observer`, updates go to it, called in order on the controller's executor, and `updates`
    /// stays empty: a consumer that only prints each update (as `parley send` does) then costs no task
    /// wake-up per update, which on a paced stream is most of the cost of a chunk. The observer must be
    /// quick and must not wait.
    public init(
        runner: RunStarter, journal: (any RunJournal)? = nil,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (Update) -> Void)? = nil
    ) {
        self.runner = runner
        self.journal = journal
        self.makeID = makeID
        self.now = now
        let (updates, continuation) = AsyncStream.makeStream(of: Update.self, bufferingPolicy: .unbounded)
        self.updates = updates
        if let observer {
            continuation.finish()
            deliver = observer
        } else {
            deliver = { continuation.yield($0) }
        }
    }

    /// Loads an existing conversation's history so the next turn continues it.
    public func restore(conversationID: String, history: [Message], remoteID: String?) {
        conversations[conversationID] = Conversation(history: history, remoteID: remoteID)
    }

    /// The messages the controller holds for a conversation.
    public func history(of conversationID: String) -> [Message] {
        conversations[conversationID]?.history ?? []
    }

    /// Starts a reply to a new user prompt in a conversation; `runID` names the run (a fresh id when `nil`). Failed, cancelled and interrupted replies stay in
    /// the history the controller holds but are not sent back to the provider.
    @discardableResult
    public func send(_ prompt: String, in conversationID: String, runID: RunID? = nil, files: [Attachment] = []) -> RunID {
        var message = Message(id: makeID(), role: .user, text: prompt, createdAt: now())
        message.files = files
        conversations[conversationID, default: Conversation()].history.append(message)
        return startRun(in: conversationID, prompt: message, id: runID ?? RunID(makeID()))
    }

    /// Runs the last user prompt again: after a failure (retry) or to replace the last reply (regenerate).
    /// Returns `nil` when the conversation has no user message to answer.
    @discardableResult
    public func regenerate(in conversationID: String, runID: RunID? = nil) -> RunID? {
        guard var conversation = conversations[conversationID],
            conversation.history.contains(where: { $0.role == .user })
        else { return nil }
        while conversation.history.last?.role == .assistant { conversation.history.removeLast() }
        conversations[conversationID] = conversation
        return startRun(in: conversationID, prompt: nil, id: runID ?? RunID(makeID()))
    }

    /// Cancels a run; it ends as `cancelled` keeping what had arrived, even when the server then ends the
    /// stream normally. A cancel that arrives before its run has started (Esc right after Enter) cancels the
    /// run as it starts.
    public func cancel(_ id: RunID) {
        cancelled.insert(id)
        active[id]?.cancel()
    }

    /// True while the run is receiving.
    public func isActive(_ id: RunID) -> Bool { active[id] != nil }

    /// Cancels every live run and returns once each has ended and its journal has stored it as cancelled, or
    /// after `seconds` (a Dify stop request may take its grace); true when all ended in time.
    @discardableResult
    public func stopAll(within seconds: Double) async -> Bool {
        for (id, run) in active {
            cancelled.insert(id)
            run.cancel()
        }
        guard !active.isEmpty else { return true }
        let deadline = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            await self?.resumeIdleWaiters()
        }
        defer { deadline.cancel() }
        await withCheckedContinuation { idleWaiters.append($0) }
        return active.isEmpty
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        waiters.forEach { $0.resume() }
    }

    private func startRun(in conversationID: String, prompt: Message?, id: RunID) -> RunID {
        let conversation = conversations[conversationID, default: Conversation()]
        let sent = conversation.history.filter(\.isHistory)
        let turn = TurnRequest(
            messages: sent.map(\.chatMessage), remoteConversationID: conversation.remoteID, stream: runner.stream)
        let run = runner.prepare(turn)
        active[id] = run
        if cancelled.contains(id) { run.cancel() }
        var log = RunLog(
            id: id, conversationID: conversationID,
            reply: Message(id: makeID(), role: .assistant, status: .streaming, createdAt: now()),
            remoteConversationID: conversation.remoteID, recordLimit: 0)
        let ref = RunRef(id: id, conversationID: conversationID, replyID: log.reply.id)
        deliver(.started(ref))
        let journal = self.journal
        let deliver = self.deliver
        Task {
            await journal?.runStarted(log, prompt: prompt)
            await run.run { update in
                switch update {
                case .request(let request):
                    await journal?.runSent(log, request: request)
                case .head(let head, let time):
                    log.noteHead(status: head.status, at: time)
                    await journal?.runReceivedHead(log, head: head, at: time)
                    deliver(.receivedHead(ref, status: head.status, at: time))
                case .records(let records):
                    log.append(contentsOf: records)
                    await journal?.runProgressed(log, records: records)
                    self.progressed(ref, remoteID: log.remoteConversationID, records: records)
                }
            }
            log.end()
            if self.wasCancelled(id) { log.markCancelled() }
            await journal?.runEnded(log)
            self.ended(log)
        }
        return id
    }

    /// True once for a run the user cancelled; forgets it.
    private func wasCancelled(_ id: RunID) -> Bool {
        cancelled.remove(id) != nil
    }

    private func progressed(_ ref: RunRef, remoteID: String?, records: [RawRecord]) {
        if let remoteID { conversations[ref.conversationID, default: Conversation()].remoteID = remoteID }
        deliver(.progressed(ref, records: records))
    }

    private func ended(_ log: RunLog) {
        active[log.id] = nil
        defer { if active.isEmpty { resumeIdleWaiters() } }
        conversations[log.conversationID, default: Conversation()].history.append(log.reply)
        if let remote = log.remoteConversationID {
            conversations[log.conversationID, default: Conversation()].remoteID = remote
        }
        deliver(.ended(log))
    }
}

/// Names one run in the controller's updates: its id, its conversation and the reply it fills.
public struct RunRef: Sendable, Equatable {
    public var id: RunID
    public var conversationID: String
    public var replyID: String
}
