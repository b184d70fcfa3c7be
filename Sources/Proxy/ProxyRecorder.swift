import ChatModel
import Foundation
import Providers
import Sessions
import Store
import Synchronization
import Wire

/// Stores proxied exchanges in the local database as Parley runs, grouped into conversations.
///
/// Each turn becomes a conversation's prompt and reply, written through a `StoreJournal` as it streams, so a
/// workbench on the same file shows it with the full inspector. An exchange continuing a server-side
/// conversation or session (Dify `conversation_id`, Helix and PAIS sessions, Big Hummingbird chat sessions)
/// joins the stored conversation with that remote id; anything else starts a conversation of its own.
public final class ProxyRecorder: Sendable {
    private let store: SQLiteStore
    private let profile: String?
    private let onProblem: @Sendable ((any Error)?) -> Void
    private let makeID: @Sendable () -> String
    private let now: @Sendable () -> Date
    /// One journal per provider kind, since a conversation's provider is its journal's.
    private let journals = Mutex<[String: StoreJournal]>([:])
    /// Remote ids seen this session, by kind: a conversation started here may not have reached the file yet.
    private let remotes = Mutex<[String: String]>([:])

    public init(
        store: SQLiteStore, profile: String?, makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        now: @escaping @Sendable () -> Date = { Date() }, onProblem: @escaping @Sendable ((any Error)?) -> Void = { _ in }
    ) {
        self.store = store
        self.profile = profile
        self.makeID = makeID
        self.now = now
        self.onProblem = onProblem
    }

    /// Starts recording one turn: decides its conversation, stores the prompt and the request as sent.
    func begin(_ turn: ClientTurn, request: HTTPRequest) async -> ExchangeRecording {
        let journal = self.journal(for: turn.kind)
        let conversationID = conversation(kind: turn.kind, remoteID: turn.remoteConversationID)
        let log = RunLog(
            id: RunID(makeID()), conversationID: conversationID,
            reply: Message(id: makeID(), role: .assistant, status: .streaming, createdAt: now()),
            remoteConversationID: turn.remoteConversationID, recordLimit: 0)
        let prompt = turn.prompt.isEmpty ? nil : Message(id: makeID(), role: .user, text: turn.prompt, createdAt: now())
        await journal.runStarted(log, prompt: prompt)
        await journal.runSent(log, request: request)
        let decoder = (try? ProviderCatalog.decoder(for: turn.kind)) ?? OpenAIDecoder()
        return ExchangeRecording(
            journal: journal, log: log, reader: ResponseReader(decoder: decoder, endpoint: request.endpoint),
            recorder: self, kind: turn.kind)
    }

    /// Notes the conversation a server named in a reply, so the next turn that continues it joins it.
    func note(kind: String, remoteID: String, conversationID: String) {
        remotes.withLock { $0[kind + "\u{0}" + remoteID] = conversationID }
    }

    /// The stored conversation continuing `remoteID`, else a new one.
    private func conversation(kind: String, remoteID: String?) -> String {
        guard let remoteID else { return makeID() }
        let key = kind + "\u{0}" + remoteID
        if let known = remotes.withLock({ $0[key] }) { return known }
        let id = (try? store.conversationID(provider: kind, remoteID: remoteID)) ?? nil
        let chosen = id ?? makeID()
        return remotes.withLock { remotes in
            if let raced = remotes[key] { return raced }
            remotes[key] = chosen
            return chosen
        }
    }

    private func journal(for kind: String) -> StoreJournal {
        journals.withLock { journals in
            if let journal = journals[kind] { return journal }
            let journal = StoreJournal(store: store, provider: kind, profile: profile, now: now, onProblem: onProblem)
            journals[kind] = journal
            return journal
        }
    }
}

/// One exchange being recorded: the response cut into records by the kind's adapter, folded into the run,
/// and handed to the journal as it arrives.
struct ExchangeRecording {
    let journal: StoreJournal
    private(set) var log: RunLog
    private var reader: ResponseReader
    let recorder: ProxyRecorder
    let kind: String

    init(journal: StoreJournal, log: RunLog, reader: ResponseReader, recorder: ProxyRecorder, kind: String) {
        self.journal = journal
        self.log = log
        self.reader = reader
        self.recorder = recorder
        self.kind = kind
    }

    /// The response head arrived `time` seconds after the request went upstream.
    mutating func head(_ head: Wire.HTTPResponseHead, at time: Double) async {
        reader.begin(head)
        log.noteHead(status: head.status, at: time)
        await journal.runReceivedHead(log, head: head, at: time)
    }

    /// Body bytes arrived `time` seconds after the request went upstream.
    mutating func body(_ bytes: [UInt8], at time: Double) async {
        await progressed(reader.feed(bytes, at: time))
    }

    /// The exchange ended, cleanly or with `error`; returns the run as stored.
    mutating func finish(at time: Double, error: TransportError?) async -> RunLog {
        await progressed(reader.finish(at: time, error: error))
        log.end()
        await journal.runEnded(log)
        return log
    }

    private mutating func progressed(_ records: [RawRecord]) async {
        guard !records.isEmpty else { return }
        let remote = log.remoteConversationID
        log.append(contentsOf: records)
        if let named = log.remoteConversationID, named != remote {
            // The next turn may continue it before this one ends, let alone reaches the file.
            recorder.note(kind: kind, remoteID: named, conversationID: log.conversationID)
        }
        await journal.runProgressed(log, records: records)
    }
}
