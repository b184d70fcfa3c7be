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
    public enum Update: Sendable, Equatable {
        case started(RunSnapshot)
        /// The response head arrived, `at` seconds after the run started.
        case receivedHead(RunSnapshot, status: Int, at: Double)
        case progressed(RunSnapshot, records: [RawRecord])
        case ended(RunSnapshot)
    }

    private struct Conversation {
        var history: [Message] = []
        var remoteID: String?
    }

    private let runner: TurnRunner
    private let journal: (any RunJournal)?
    private let makeID: @Sendable () -> String
    private let now: @Sendable () -> Date
    private var conversations: [String: Conversation] = [:]
    private var active: [RunID: TurnRun] = [:]
    private let continuation: AsyncStream<Update>.Continuation

    /// Every run's progress, for the screen.
    public nonisolated let updates: AsyncStream<Update>

    public init(
        runner: TurnRunner, journal: (any RunJournal)? = nil,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.runner = runner
        self.journal = journal
        self.makeID = makeID
        self.now = now
        (updates, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
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
    public func send(_ prompt: String, in conversationID: String, runID: RunID? = nil) -> RunID {
        let message = Message(id: makeID(), role: .user, text: prompt, createdAt: now())
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

    /// Cancels a run; it ends as `cancelled` keeping what had arrived. Unknown or ended runs are ignored.
    public func cancel(_ id: RunID) {
        active[id]?.cancel()
    }

    /// True while the run is receiving.
    public func isActive(_ id: RunID) -> Bool { active[id] != nil }

    private func startRun(in conversationID: String, prompt: Message?, id: RunID) -> RunID {
        let conversation = conversations[conversationID, default: Conversation()]
        let sent = conversation.history.filter { $0.role != .assistant || $0.status == .complete }
        let turn = TurnRequest(messages: sent.map(\.chatMessage), remoteConversationID: conversation.remoteID)
        let run = runner.start(turn)
        active[id] = run
        var snapshot = RunSnapshot(
            id: id, conversationID: conversationID,
            reply: Message(id: makeID(), role: .assistant, status: .streaming, createdAt: now()),
            metrics: RunMetrics(), remoteConversationID: conversation.remoteID)
        continuation.yield(.started(snapshot))
        let journal = self.journal
        Task {
            await journal?.runStarted(snapshot, prompt: prompt)
            for await update in run.updates {
                switch update {
                case .request(let request):
                    await journal?.runSent(snapshot, request: request)
                case .head(let head, let time):
                    snapshot.metrics.noteHead(at: time)
                    await journal?.runReceivedHead(snapshot, head: head, at: time)
                    self.report(.receivedHead(snapshot, status: head.status, at: time))
                case .records(let records):
                    for record in records { fold(record, into: &snapshot) }
                    await journal?.runProgressed(snapshot, records: records)
                    self.progressed(snapshot, records: records)
                }
            }
            if snapshot.reply.status == .streaming {
                snapshot.reply.apply(.failed(ProviderError(kind: .interrupted, message: "The stream ended without a result.")))
            }
            if snapshot.metrics.duration == nil { snapshot.metrics.finish(at: snapshot.metrics.lastArrival ?? 0) }
            await journal?.runEnded(snapshot)
            self.ended(snapshot)
        }
        return id
    }

    private func report(_ update: Update) {
        continuation.yield(update)
    }

    private func progressed(_ snapshot: RunSnapshot, records: [RawRecord]) {
        if let remote = snapshot.remoteConversationID {
            conversations[snapshot.conversationID, default: Conversation()].remoteID = remote
        }
        continuation.yield(.progressed(snapshot, records: records))
    }

    private func ended(_ snapshot: RunSnapshot) {
        active[snapshot.id] = nil
        conversations[snapshot.conversationID, default: Conversation()].history.append(snapshot.reply)
        if let remote = snapshot.remoteConversationID {
            conversations[snapshot.conversationID, default: Conversation()].remoteID = remote
        }
        continuation.yield(.ended(snapshot))
    }
}

/// Folds one record into a run: the reply, the remote id and the figures.
func fold(_ record: RawRecord, into snapshot: inout RunSnapshot) {
    snapshot.metrics.note(record)
    for event in record.events {
        if case .opened(let conversationID, _) = event, !conversationID.isEmpty {
            snapshot.remoteConversationID = conversationID
        }
        snapshot.reply.apply(event)
    }
    if snapshot.reply.status != .streaming, snapshot.metrics.duration == nil {
        snapshot.metrics.finish(at: record.receivedAt)
    }
}
