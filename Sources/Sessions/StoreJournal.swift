import ChatModel
import Foundation
import Store
import Wire

/// Writes runs to the SQLite store as they stream, so a crash loses at most the last fraction of a second.
///
/// The conversation and the user's prompt are stored when a run starts; the reply, its request, response
/// head and every raw record follow in batches through the store's `RunWriter`. While any run is open a
/// timer flushes quiet streams, so no record waits longer than the writer's delay.
public actor StoreJournal: RunJournal {
    /// Waits for the next flush of quiet streams: 50 ms on the real clock.
    public static let fiftyMilliseconds: @Sendable () async -> Void = { try? await Task.sleep(nanoseconds: 50_000_000) }

    private let store: SQLiteStore
    private let provider: String
    private let profile: String?
    private let now: @Sendable () -> Date
    private let uptime: @Sendable () -> Double
    private let tick: @Sendable () async -> Void
    private var writers: [RunID: RunWriter] = [:]
    private var flusher: Task<Void, Never>?
    /// The first error writing to the store, if any; the run goes on, and the caller can show it.
    public private(set) var lastError: (any Error)?

    /// `now` dates what is stored; `uptime` (seconds from any fixed point) paces the batches; `tick` returns
    /// when the timer should flush quiet streams again. The clocks are injected so tests drive the timer
    /// instead of sleeping.
    public init(
        store: SQLiteStore, provider: String, profile: String?, now: @escaping @Sendable () -> Date = { Date() },
        uptime: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
        tick: @escaping @Sendable () async -> Void = StoreJournal.fiftyMilliseconds
    ) {
        self.store = store
        self.provider = provider
        self.profile = profile
        self.now = now
        self.uptime = uptime
        self.tick = tick
    }

    public func runStarted(_ run: RunLog, prompt: Message?) {
        attempt {
            var conversation = try store.conversation(id: run.conversationID)
                ?? Conversation(
                    id: run.conversationID, title: Self.title(for: prompt?.text ?? ""), provider: provider,
                    profile: profile, remoteID: run.remoteConversationID, createdAt: now())
            conversation.updatedAt = now()
            try store.save(conversation)
            if let prompt { try store.save(prompt, in: run.conversationID) }
        }
    }

    public func runSent(_ run: RunLog, request: HTTPRequest) {
        guard writers[run.id] == nil else { return }
        attempt {
            let stored = RunRequest(
                method: request.method, url: request.url, headers: request.headers, body: request.body,
                credentials: request.credentials)
            writers[run.id] = try store.startRun(
                id: run.id.value, conversationID: run.conversationID, reply: run.reply, request: stored, startedAt: now(),
                now: uptime)
        }
        startFlusher()
    }

    public func runReceivedHead(_ run: RunLog, head: HTTPResponseHead, at time: Double) {
        attempt {
            try writers[run.id]?.noteHead(ResponseHead(
                status: head.status, headers: head.headers, receivedAt: time))
        }
    }

    public func runProgressed(_ run: RunLog, records: [RawRecord]) {
        attempt { try writers[run.id]?.append(records, folded: run) }
    }

    public func runEnded(_ run: RunLog) {
        attempt {
            if let writer = writers.removeValue(forKey: run.id) {
                try writer.finish(run)
            } else {
                try store.save(run.reply, in: run.conversationID)
            }
            if var conversation = try store.conversation(id: run.conversationID) {
                conversation.updatedAt = now()
                conversation.remoteID = run.remoteConversationID ?? conversation.remoteID
                try store.save(conversation)
            }
        }
        if writers.isEmpty {
            flusher?.cancel()
            flusher = nil
        }
    }

    private func flushDue() {
        for writer in writers.values { attempt { try writer.flushIfDue() } }
    }

    private func startFlusher() {
        guard flusher == nil else { return }
        flusher = Task { [weak self, tick] in
            while !Task.isCancelled {
                await tick()
                guard let journal = self else { return }
                await journal.flushDue()
            }
        }
    }

    private func attempt(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            if lastError == nil { lastError = error }
        }
    }

    /// A conversation title from its first prompt: the first line, at most 60 characters.
    static func title(for prompt: String) -> String {
        let line = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "New conversation" }
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}
