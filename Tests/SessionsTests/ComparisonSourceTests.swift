import ChatModel
import Foundation
import Sessions
import Store
import StreamTools
import TestSupport
import XCTest

/// Stored ids resolve to runs in a real SQLite file, for `parley lint` and `parley compare`.
final class ComparisonSourceTests: XCTestCase {
    private var store: SQLiteStore!
    private let conversationID = "c0ffee00-0000-4000-8000-000000000001"
    private let replyID = "5eed0000-0000-4000-8000-000000000002"

    override func setUpWithError() throws {
        let folder = try makeTemporaryFolder("parley-compare")
        store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path, environment: [:])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.save(Conversation(id: conversationID, title: "weather", provider: "openai", createdAt: now))
        try store.save(Message(id: "ab000000-0000-4000-8000-000000000003", role: .user, text: "weather?"), in: conversationID)
        var reply = Message(id: replyID, role: .assistant, text: "Sunny.", status: .cancelled)
        reply.finishReason = "stop"
        try store.save(reply, in: conversationID)
        try store.save(run("aaaa1111-0000-4000-8000-000000000010", text: "Rain", at: now, done: false))
        try store.save(run("bbbb2222-0000-4000-8000-000000000011", text: "Sunny.", at: now.addingTimeInterval(5), done: true))
    }

    private func run(_ id: String, text: String, at date: Date, done: Bool) -> StoredRun {
        let chunk = #"data: {"choices":[{"index":0,"delta":{"content":"\#(text)"},"finish_reason":null}]}"# + "\n\n"
        var records = [RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: Array(chunk.utf8), events: [.text(text)])]
        if done {
            let end = "data: [DONE]\n\n"
            records.append(RawRecord(kind: .event, offset: chunk.utf8.count, receivedAt: 0.3, bytes: Array(end.utf8), events: [.finished(reason: "stop")]))
        }
        var metrics = RunMetrics()
        records.forEach { metrics.note($0) }
        return StoredRun(
            id: id, messageID: replyID, startedAt: date,
            request: RunRequest(method: "POST", url: "http://127.0.0.1/v1/chat/completions",
                                body: Array(#"{"model":"tiny","stream":true,"stream_options":{"include_usage":true}}"#.utf8)),
            response: ResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")], receivedAt: 0.1),
            metrics: metrics, records: records)
    }

    func testAConversationOrMessageStandsForItsLatestRunWithTheStoredReply() throws {
        for id in ["c0ffee", replyID, "5eed"] {
            let side = try ComparisonSource.run(store, id: id)
            XCTAssertEqual(side.reply.text, "Sunny.", id)
            XCTAssertEqual(side.reply.status, .cancelled, "the stored reply knows it was stopped")
            XCTAssertEqual(side.model, "tiny")
            XCTAssertEqual(side.label, "run bbbb2222 of reply 5eed0000")
        }
    }

    func testAnEarlierRunIsFoldedFromItsOwnRecords() throws {
        let side = try ComparisonSource.run(store, id: "aaaa")
        XCTAssertEqual(side.reply.text, "Rain")
        XCTAssertEqual(side.reply.status, .interrupted, "it never finished")
        XCTAssertEqual(RunComparison(side, try ComparisonSource.run(store, id: "bbbb")).textDiff.marked, "[-Rain-]{+Sunny.+}")
    }

    func testUnknownAndAmbiguousIdsSaySo() throws {
        XCTAssertThrowsError(try ComparisonSource.run(store, id: "zzz")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .notFound)
        }
        try store.save(Conversation(id: "c0ffee00-0000-4000-8000-000000000099", title: "other", provider: "dify", createdAt: Date()))
        XCTAssertThrowsError(try ComparisonSource.run(store, id: "c0ffee")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .invalidInput)
        }
    }

    func testLintReadsEveryRunOfAConversationWithItsTimingAndRequest() throws {
        let targets = try LintSource.stored(store, id: "c0ffee00-0000-4000-8000-000000000001", provider: nil)
        XCTAssertEqual(targets.count, 2)
        let reports = targets.map { Linter.lint($0.input) }
        XCTAssertEqual(reports.map(\.ruleIDs), [["end-missing", "usage-missing"], ["finish-reason-missing", "usage-missing"]])
        XCTAssertTrue(targets.allSatisfy(\.input.timed))
        XCTAssertEqual(reports.map(\.protocolName), ["openai", "openai"], "the conversation's provider")
    }
}
