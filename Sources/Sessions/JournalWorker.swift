import ChatModel
import Foundation
import Store

/// The SQLite side of the store journal: what its thread does with each entry, on its own connection.
///
/// Used only by the journal's thread (one at a time), so it needs no lock of its own.
final class JournalWorker {
    private let store: SQLiteStore
    private let provider: String
    private let profile: String?
    private let now: @Sendable () -> Date
    private let uptime: @Sendable () -> Double
    private var writers: [RunID: RunWriter] = [:]

    init(
        store: SQLiteStore, provider: String, profile: String?, now: @escaping @Sendable () -> Date,
        uptime: @escaping @Sendable () -> Double
    ) {
        self.store = store
        self.provider = provider
        self.profile = profile
        self.now = now
        self.uptime = uptime
    }

    /// True while a run is open: its quiet stream needs the timer.
    var hasOpenRuns: Bool { !writers.isEmpty }

    /// When a writer next has something due, on the `uptime` clock; nil when none has.
    var nextDue: Double? { writers.values.compactMap(\.nextDue).min() }

    /// Now on the clock of `nextDue`.
    var clock: Double { uptime() }

    /// Record bytes the writers hold because they are not written yet.
    var pendingBytes: Int { writers.values.reduce(0) { $0 + $1.pendingBytes } }

    /// Handles one entry. It throws when the entry should be tried again (the file is busy, read-only or
    /// full) or cannot be stored at all (`JournalWorker.isTransient` tells which). Records whose write fails
    /// stay queued in their run's writer, so a progress entry is never tried twice: its failure is thrown as
    /// `RecordsNotWritten`.
    func handle(_ entry: JournalEntry) throws {
        switch entry {
        case .started(let conversationID, let remoteID, let prompt):
            var conversation = try store.conversation(id: conversationID)
                ?? Conversation(
                    id: conversationID, title: StoreJournal.title(for: prompt?.text ?? ""), provider: provider,
                    profile: profile, remoteID: remoteID, createdAt: now())
            conversation.updatedAt = now()
            try store.save(conversation)
            if let prompt { try store.save(prompt, in: conversationID) }
        case .sent(let runID, let conversationID, let reply, let request):
            guard writers[runID] == nil else { return }
            writers[runID] = try store.startRun(
                id: runID.value, conversationID: conversationID, reply: reply, request: request, startedAt: now(),
                now: uptime)
        case .head(let runID, let head):
            try keepingRecords { try writers[runID]?.noteHead(head) }
        case .progressed(let runID, let records, let metrics, let reply):
            guard let writer = writers[runID] else { return }
            try keepingRecords {
                try writer.append(records, metrics: metrics, reply: reply ?? Message(id: "", role: .assistant))
            }
        case .ended(let run):
            if let writer = writers[run.id] {
                try writer.finish(run)
                writers[run.id] = nil
            } else {
                try store.save(run.reply, in: run.conversationID)
            }
            if var conversation = try store.conversation(id: run.conversationID) {
                conversation.updatedAt = now()
                conversation.remoteID = run.remoteConversationID ?? conversation.remoteID
                try store.save(conversation)
            }
        case .flushDue:
            try flushDue()
        }
    }

    /// Writes what quiet streams have waited long enough for.
    func flushDue() throws {
        for writer in writers.values { try keepingRecords { try writer.flushIfDue() } }
    }

    /// Runs a writer call whose records stay queued when it fails, marking the failure as such.
    private func keepingRecords(_ body: () throws -> Void) throws {
        do { try body() } catch { throw RecordsNotWritten(cause: error) }
    }

    /// True for a failure that may pass (another process holds the file, the disk is full, the file turned
    /// read-only): the entry is tried again. Anything else will fail the same way every time.
    static func isTransient(_ error: any Error) -> Bool {
        let cause = (error as? RecordsNotWritten)?.cause ?? error
        guard let storeError = cause as? StoreError else { return false }
        return storeError.kind == .busy || storeError.kind == .cannotWrite
    }
}

/// A write of records failed; they stay queued in their writer and go with its next write.
struct RecordsNotWritten: Error, CustomStringConvertible {
    var cause: any Error
    var description: String { "\(cause)" }
}
