import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

@testable import Store

/// The store journal on a real SQLite file: what a run stores as it streams, the flush of quiet streams (on a
/// clock the test moves), a store that fails while the run goes on, and a stream that never waits for a
/// reader of the file.
final class StoreJournalTests: XCTestCase {
    private var store: SQLiteStore!
    private let uptime = Locked(0.0)
    /// The journal's own connection, so a test can make only the writer fail.
    private var connection: SQLiteStore!
    private let prompt = Message(id: "prompt-1", role: .user, text: "What is SSE?\nAnswer briefly.")

    override func setUpWithError() throws {
        let folder = try makeTemporaryFolder("parley-journal")
        store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path, environment: [:])
        connection = try store.secondConnection()
    }

    override func tearDown() {
        store = nil
        connection = nil
    }

    private func journal(provider: String = "openai", onProblem: @escaping @Sendable ((any Error)?) -> Void = { _ in })
        -> StoreJournal
    {
        let uptime = self.uptime
        return StoreJournal(
            store: store, connection: connection, provider: provider, profile: "work",
            now: { Date(timeIntervalSince1970: 1_767_225_600) }, uptime: { uptime.get() }, onProblem: onProblem)
    }

    private func newRun() -> RunLog {
        RunLog(id: RunID("run-1"), conversationID: "c1", reply: Message(id: "reply-1", role: .assistant, status: .streaming),
               recordLimit: 0)
    }

    private let request = HTTPRequest(
        method: "POST", url: "https://api.example.invalid/v1/chat/completions?api_key=sk-in-the-url",
        headers: [HTTPHeader("Authorization", "Bearer sk-secret"), HTTPHeader("Content-Type", "application/json")],
        body: Array(#"{"stream":true}"#.utf8))

    /// SSE records carrying text deltas, 50 ms apart.
    private static func textRecords(_ pieces: [String], offset: Int = 0) -> [RawRecord] {
        var at = offset
        return pieces.enumerated().map { i, piece in
            let bytes = Array("data: {\"choices\":[{\"delta\":{\"content\":\"\(piece)\"}}]}\n\n".utf8)
            defer { at += bytes.count }
            return RawRecord(kind: .event, offset: at, receivedAt: 0.1 + Double(i) * 0.05, bytes: bytes, events: [.text(piece)])
        }
    }

    private static let done = RawRecord(
        kind: .event, offset: 500, receivedAt: 0.4, bytes: Array("data: [DONE]\n\n".utf8), events: [.finished(reason: "stop")])

    private func storedRecords() throws -> [[UInt8]] {
        try store.records(ofRun: "run-1", in: 0..<100).map(\.bytes)
    }

    func testARunIsStoredWithItsPromptReplyRedactedRequestHeadAndRecords() async throws {
        let journal = journal()
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        await journal.runSent(run, request: request)
        await journal.runReceivedHead(
            run, head: HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")]), at: 0.04)
        let records = Self.textRecords(["Server-sent ", "events."]) + [Self.done]
        run.append(contentsOf: records)
        await journal.runProgressed(run, records: records)
        run.end()
        await journal.runEnded(run)

        XCTAssertNil(journal.lastError)
        XCTAssertEqual(journal.unwritten, 0)
        let conversation = try XCTUnwrap(try store.conversation(id: "c1"))
        XCTAssertEqual(conversation.title, "What is SSE?", "the title is the prompt's first line")
        XCTAssertEqual(conversation.provider, "openai")
        let messages = try XCTUnwrap(try store.transcript(id: "c1")).messages
        XCTAssertEqual(messages.map(\.text), ["What is SSE?\nAnswer briefly.", "Server-sent events."])
        XCTAssertEqual(messages.map(\.status), [.complete, .complete])
        let stored = try XCTUnwrap(try store.run(id: "run-1"))
        XCTAssertEqual(stored.messageID, "reply-1")
        XCTAssertEqual(stored.request.url, "https://api.example.invalid/v1/chat/completions?api_key=[redacted]")
        XCTAssertEqual(stored.request.headers, [
            HTTPHeader("Authorization", "Bearer [redacted]"), HTTPHeader("Content-Type", "application/json"),
        ])
        XCTAssertEqual(stored.request.body, request.body)
        XCTAssertEqual(stored.response?.status, 200)
        XCTAssertEqual(stored.response?.receivedAt, 0.04)
        XCTAssertEqual(stored.records.map(\.bytes), records.map(\.bytes))
    }

    func testAQuietStreamsRecordsReachTheFileOnTheTimerWithoutMoreRecords() async throws {
        let journal = journal()
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        await journal.runSent(run, request: request)
        let records = Self.textRecords(["Thinking about"])
        run.append(contentsOf: records)
        await journal.runProgressed(run, records: records)
        await journal.flushDue()
        XCTAssertEqual(try storedRecords(), [], "one record waits for more, or for the writer's delay")

        uptime.set(0.1)
        await journal.flushDue()
        XCTAssertEqual(try storedRecords(), records.map(\.bytes), "the delay passed: the timer wrote the record")

        run.end()
        await journal.runEnded(run)
        XCTAssertNil(journal.lastError)
    }

    /// The file turns read-only mid-run: the run goes on, the journal says so, keeps what could not be written
    /// and writes it all once the file takes writes again.
    func testADatabaseThatTurnsReadOnlyMidRunIsReportedRetriedAndLosesNothing() async throws {
        let problems = Locked<[String?]>([])
        let journal = journal(onProblem: { problem in problems.mutate { $0.append(problem.map { "\($0)" }) } })
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        await journal.runSent(run, request: request)
        await journal.flushDue()
        try connection.locked { try $0.execute("PRAGMA query_only = ON") }
        let records = Self.textRecords(["kept ", "anyway"]) + [Self.done]
        run.append(contentsOf: records)
        await journal.runProgressed(run, records: records)
        uptime.set(0.1)
        await journal.flushDue()
        XCTAssertNotNil(journal.lastError, "writing to a read-only database fails, and the journal says so")
        XCTAssertEqual(problems.get().count, 1, "the failure is reported once, not once per retry")
        XCTAssertTrue(problems.get().first??.hasPrefix("Not stored yet, retrying: ") ?? false, "\(problems.get())")
        run.end()
        await journal.runEnded(run)
        XCTAssertEqual(run.reply.text, "kept anyway", "the run itself carries on")
        XCTAssertGreaterThan(journal.unwritten, 0, "the end of the run waits in memory while the file refuses it")
        XCTAssertEqual(try store.transcript(id: "c1")?.messages.last?.status, .streaming)

        try connection.locked { try $0.execute("PRAGMA query_only = OFF") }
        try await waitUntil("the journal wrote what waited", timeout: 10) { journal.unwritten == 0 }
        XCTAssertEqual(try storedRecords(), records.map(\.bytes), "every record reached the file after all")
        XCTAssertEqual(try store.transcript(id: "c1")?.messages.last?.text, "kept anyway")
        XCTAssertEqual(try store.transcript(id: "c1")?.messages.last?.status, .complete)
        XCTAssertEqual(problems.get().last, .some(nil), "recovery is reported too")
    }

    /// A reader that holds the file (another process listing conversations, a long query) never holds back
    /// the stream: its records queue, and reach the file once the reader lets go.
    func testAStreamNeverWaitsForAReaderOfTheFile() async throws {
        let journal = journal()
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        await journal.runSent(run, request: request)
        await journal.flushDue()
        let reader = try store.secondConnection()
        try reader.locked { try $0.execute("BEGIN EXCLUSIVE") }
        let records = Self.textRecords(Array(repeating: "word ", count: 200))
        for record in records {
            run.append(contentsOf: [record])
            await journal.runProgressed(run, records: [record])
        }
        XCTAssertEqual(run.reply.text.count, 1_000, "all 200 records went through while the file was held")
        try reader.locked { try $0.execute("COMMIT") }
        run.end()
        await journal.runEnded(run)
        XCTAssertEqual(try storedRecords().count, 100, "the first hundred records, read back")
        XCTAssertEqual(try store.records(ofRun: "run-1", in: 0..<1_000).count, 200)
    }

    /// A conversation whose remote id already belongs to another stored conversation cannot be stored; the
    /// reply still streams to its end and the error is kept for the screen.
    func testAConversationTheStoreRejectsSetsLastErrorAndTheRunGoesOn() async throws {
        try store.save(Conversation(
            id: "other", title: "Earlier", provider: "openai", remoteID: "remote-1", createdAt: Date(timeIntervalSince1970: 0)))
        let problems = Locked<[String?]>([])
        let journal = journal(onProblem: { problem in problems.mutate { $0.append(problem.map { "\($0)" }) } })
        let transport = ScriptedTransport([.init(chunks: [sse("text:Hel", "text:lo", "finish")])])
        let controller = SessionController(runner: RunStarter(provider: ScriptedProvider(), transport: transport), journal: journal)
        await controller.restore(conversationID: "c1", history: [], remoteID: "remote-1")
        await controller.send("hi", in: "c1")
        let ended = try await withDeadline(5) { () -> RunLog? in
            for await update in controller.updates { if case .ended(let run) = update { return run } }
            return nil
        }
        XCTAssertEqual(ended?.reply.text, "Hello")
        XCTAssertEqual(ended?.reply.status, .complete)
        XCTAssertNotNil(journal.lastError, "the rejected conversation is reported")
        XCTAssertTrue(problems.get().first??.hasPrefix("Could not be stored: ") ?? false, "\(problems.get())")
        XCTAssertGreaterThan(journal.unwritten, 0, "what could not be stored is counted")
        XCTAssertNil(try store.conversation(id: "c1"))
    }

    func testARunEndedWithoutAWriterStillSavesTheReply() async throws {
        let journal = journal()
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        run.end(failure: ProviderError(kind: .decoding, message: "Could not build the request"))
        await journal.runEnded(run)

        let messages = try XCTUnwrap(try store.transcript(id: "c1")).messages
        XCTAssertEqual(messages.map(\.id), ["prompt-1", "reply-1"])
        XCTAssertEqual(messages.last?.status, .failed)
        XCTAssertEqual(messages.last?.error?.message, "Could not build the request")
        XCTAssertNil(try store.run(id: "run-1"), "no request was sent, so there is no run to store")
        XCTAssertNil(journal.lastError)
    }
}
