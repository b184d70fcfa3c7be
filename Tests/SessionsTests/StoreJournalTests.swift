import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

@testable import Store

/// The store journal on a real SQLite file: what a run stores as it streams, the timer that flushes quiet
/// streams (fired by hand, on a clock the test moves), and a store that fails while the run goes on.
final class StoreJournalTests: XCTestCase {
    private var store: SQLiteStore!
    private let uptime = Locked(0.0)
    private let ticker = ManualTicker()
    private let prompt = Message(id: "prompt-1", role: .user, text: "What is SSE?\nAnswer briefly.")

    override func setUpWithError() throws {
        let folder = try makeTemporaryFolder("parley-journal")
        store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path, environment: [:])
    }

    override func tearDown() {
        store = nil
    }

    private func journal(provider: String = "openai") -> StoreJournal {
        let uptime = self.uptime
        return StoreJournal(
            store: store, provider: provider, profile: "work", now: { Date(timeIntervalSince1970: 1_767_225_600) },
            uptime: { uptime.get() }, tick: ticker.tick)
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

        let failure = await journal.lastError
        XCTAssertNil(failure)
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
        XCTAssertEqual(try storedRecords(), [], "one record waits for more, or for the writer's delay")

        await ticker.fire()
        XCTAssertEqual(try storedRecords(), [], "the timer fired before the delay had passed")
        uptime.set(0.1)
        await ticker.fire()
        XCTAssertEqual(try storedRecords(), records.map(\.bytes), "the delay passed: the timer wrote the record")

        run.end()
        await journal.runEnded(run)
        let failure = await journal.lastError
        XCTAssertNil(failure)
    }

    func testADatabaseThatTurnsReadOnlyMidRunSetsLastErrorAndTheRunGoesOn() async throws {
        let journal = journal()
        var run = newRun()
        await journal.runStarted(run, prompt: prompt)
        await journal.runSent(run, request: request)
        try store.locked { try $0.execute("PRAGMA query_only = ON") }
        let records = Self.textRecords(["lost"])
        run.append(contentsOf: records)
        await journal.runProgressed(run, records: records)
        uptime.set(0.1)
        await ticker.fire()
        let failure = await journal.lastError
        XCTAssertNotNil(failure, "writing to a read-only database fails, and the journal says so")
        run.end()
        await journal.runEnded(run)
        XCTAssertEqual(run.reply.text, "lost", "the run itself carries on")
    }

    /// A conversation whose remote id already belongs to another stored conversation cannot be stored; the
    /// reply still streams to its end and the error is kept for the screen.
    func testAConversationTheStoreRejectsSetsLastErrorAndTheRunGoesOn() async throws {
        try store.save(Conversation(
            id: "other", title: "Earlier", provider: "openai", remoteID: "remote-1", createdAt: Date(timeIntervalSince1970: 0)))
        let journal = journal()
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
        let failure = await journal.lastError
        XCTAssertNotNil(failure, "the rejected conversation is reported")
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
        let failure = await journal.lastError
        XCTAssertNil(failure)
    }
}
