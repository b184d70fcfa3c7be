import ChatModel
import Foundation
import TestSupport
import XCTest

@testable import Store

final class RunWriterTests: StoreTestCase {
    private func record(_ i: Int, at time: Double, events: [StreamEvent]? = nil) -> RawRecord {
        let bytes = Array("data: {\"i\":\(i)}\n\n".utf8)
        return RawRecord(kind: .event, offset: i * bytes.count, receivedAt: time, bytes: bytes, events: events ?? [.text("t\(i) ")])
    }

    private func start(_ store: SQLiteStore, clock: ManualClock, policy: RunWriter.Policy) throws -> FoldingWriter {
        try store.save(conversation("c1", title: "Streaming"))
        try store.save(Message(id: "u1", role: .user, text: "go", createdAt: Self.t0), in: "c1")
        let reply = Message(id: "r1", role: .assistant, status: .streaming, createdAt: Self.t0)
        let writer = try store.startRun(
            id: "run1", conversationID: "c1", reply: reply,
            request: RunRequest(method: "POST", url: "http://127.0.0.1:9/v1", headers: [HTTPHeader("Authorization", "Bearer sk-x")]),
            startedAt: Self.t0, policy: policy, now: clock.function)
        return FoldingWriter(writer: writer, log: RunLog(id: RunID("run1"), conversationID: "c1", reply: reply, recordLimit: 0))
    }

    func testBatchesAreWrittenByCountAndByTime() throws {
        let clock = ManualClock()
        let store = try openStore()
        let writer = try start(store, clock: clock, policy: RunWriter.Policy(maxRecords: 4, maxDelay: 0.1))
        XCTAssertEqual(try store.message(id: "r1")?.status, .streaming)
        for i in 0..<3 { XCTAssertFalse(try writer.append([record(i, at: 0)])) }
        XCTAssertEqual(try store.run(id: "run1")?.records.count, 0)
        XCTAssertTrue(try writer.append([record(3, at: 0)]))
        XCTAssertEqual(try store.run(id: "run1")?.records.count, 4)
        XCTAssertEqual(try store.message(id: "r1")?.text, "t0 t1 t2 t3 ")

        XCTAssertFalse(try writer.append([record(4, at: 0.05)]))
        clock.advance(0.05)
        XCTAssertFalse(try writer.flushIfDue())
        clock.advance(0.06)
        XCTAssertTrue(try writer.flushIfDue())
        XCTAssertEqual(try store.run(id: "run1")?.records.map(\.offset).count, 5)
        XCTAssertFalse(try writer.flushIfDue(), "nothing new to write")

        try writer.noteHead(ResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")], receivedAt: 0.01))
        try writer.append([record(5, at: 0.2, events: [.text("end"), .usage(Usage(totalPrice: Price("0.001"))), .finished(reason: "stop")])])
        try writer.finish(duration: 0.3)
        let run = try XCTUnwrap(try store.run(id: "run1"))
        XCTAssertEqual(run.records.count, 6)
        XCTAssertEqual(run.records.map(\.offset), (0..<6).map { $0 * run.records[0].bytes.count })
        XCTAssertEqual(run.response?.status, 200)
        XCTAssertEqual(run.metrics.duration, 0.3)
        XCTAssertEqual(run.metrics.records, 6)
        XCTAssertEqual(run.request.headers, [HTTPHeader("Authorization", "Bearer [redacted]")])
        let reply = try XCTUnwrap(try store.message(id: "r1"))
        XCTAssertEqual(reply.status, .complete)
        XCTAssertEqual(reply.text, "t0 t1 t2 t3 t4 end")
        XCTAssertEqual(reply.usage?.totalPrice, Price("0.001"))
        XCTAssertEqual(try store.search("end").map(\.messageID), ["r1"])
    }

    func testAReplyOverAMegabyteIsRewrittenLessOftenAndWhole() throws {
        let clock = ManualClock()
        let store = try openStore()
        let writer = try start(store, clock: clock, policy: RunWriter.Policy(maxRecords: 1, maxDelay: 0.1, replyInterval: 1))
        let big = String(repeating: "large ", count: RunWriter.rewriteBytes / 2)  // 3 MiB: every 3 intervals
        try writer.append([record(0, at: 0, events: [.text(big)])])
        XCTAssertEqual(try store.run(id: "run1")?.records.count, 1, "the record is written at once")
        XCTAssertEqual(try store.message(id: "r1")?.text, "", "a 3 MiB reply is not rewritten the moment it arrives")
        clock.advance(2)
        try writer.append([record(1, at: 2)])
        XCTAssertEqual(try store.message(id: "r1")?.text, "", "nor two intervals later")
        clock.advance(1.1)
        try writer.append([record(2, at: 3.1)])
        XCTAssertEqual(try store.message(id: "r1")?.text, big + "t1 t2 ", "three intervals later it is")
        try writer.append([record(3, at: 3.15, events: [.finished(reason: "stop")])])
        try writer.finish(duration: 3.2)
        XCTAssertEqual(try store.message(id: "r1")?.status, .complete)
        XCTAssertEqual(try store.run(id: "run1")?.records.map(\.events), [[.text(big)], [.text("t1 ")], [.text("t2 ")], [.finished(reason: "stop")]])
    }

    func testTheStoredReplyCatchesUpWithinItsIntervalEvenWhenTheStreamGoesQuiet() throws {
        let clock = ManualClock()
        let store = try openStore()
        let writer = try start(store, clock: clock, policy: RunWriter.Policy(maxRecords: 2, maxDelay: 0.1, replyInterval: 1))
        try writer.append([record(0, at: 0), record(1, at: 0)])
        XCTAssertEqual(try store.message(id: "r1")?.text, "t0 t1 ", "the first batch writes the reply")
        try writer.append([record(2, at: 0.1), record(3, at: 0.1)])
        XCTAssertEqual(try store.run(id: "run1")?.records.count, 4, "records are written by count")
        XCTAssertEqual(try store.message(id: "r1")?.text, "t0 t1 ", "the reply waits for its interval")
        clock.advance(0.5)
        XCTAssertFalse(try writer.flushIfDue(), "nothing is due half an interval later")
        clock.advance(0.6)
        XCTAssertTrue(try writer.flushIfDue(), "the quiet stream's reply is written once its interval is up")
        XCTAssertEqual(try store.message(id: "r1")?.text, "t0 t1 t2 t3 ")
        XCTAssertEqual(try store.message(id: "r1")?.status, .streaming)
    }

    func testAReplyLongerThanTheSearchIndexCoversIsIndexedWhileItStreams() throws {
        let clock = ManualClock()
        let store = try openStore()
        let writer = try start(store, clock: clock, policy: RunWriter.Policy(maxRecords: 2, maxDelay: 0.1, replyInterval: 60))
        let filler = String(repeating: "filler ", count: Migrations.v6IndexedCharacters / 7 / 2)
        try writer.append([record(0, at: 0, events: [.text("aardvark ")]), record(1, at: 0)])
        XCTAssertEqual(try store.search("aardvark"), [], "a streaming reply shorter than the index covers waits for its end")
        try writer.append([record(2, at: 0, events: [.text(filler)]), record(3, at: 0)])
        XCTAssertEqual(try store.search("aardvark"), [], "still shorter: the reply is not rewritten before its interval")
        try writer.append([record(4, at: 0, events: [.text(filler + "zeppelin")]), record(5, at: 0)])
        XCTAssertEqual(try store.message(id: "r1")?.status, .streaming)
        XCTAssertEqual(try store.search("aardvark").map(\.messageID), ["r1"], "its indexed part is final: indexed now")
        try writer.append([record(6, at: 0, events: [.text(" more")]), record(7, at: 0)])

        try writer.append([record(8, at: 0.2, events: [.finished(reason: "stop")])])
        try writer.finish(duration: 0.3)
        XCTAssertEqual(try store.search("aardvark").map(\.messageID), ["r1"], "once, not twice")
        XCTAssertEqual(try store.search("zeppelin"), [], "words past the first 128 K characters are not indexed")
        assertSearchIndexIntact(store)
        XCTAssertEqual(
            try store.message(id: "r1")?.text, "aardvark t1 " + filler + "t3 " + filler + "zeppelint5  moret7 ")
    }

    /// The writer folds a batch's records at once; the reply is the one the events give one by one.
    func testAFoldOfWholeBatchesEqualsTheFoldOfEachEvent() {
        var random = SeededRandom(state: 3)
        for _ in 0..<300 {
            var records: [RawRecord] = []
            for i in 0..<Int(random.next() % 12) {
                let events: [StreamEvent] = (0..<Int(random.next() % 4)).map { _ in
                    switch random.next() % 9 {
                    case 0, 1, 2: .text(["a", "ü ", "\u{1F600}", "", "word "][Int(random.next() % 5)])
                    case 3, 4: .reasoning(["think ", "ß", ""][Int(random.next() % 3)])
                    case 5: .replaced("whole \(random.next() % 10)")
                    case 6: .usage(Usage(promptTokens: Int(random.next() % 9)))
                    case 7: .opened(conversationID: "c", messageID: "m\(random.next() % 3)")
                    default: .finished(reason: "stop")
                    }
                }
                records.append(record(i, at: 0, events: events))
            }
            var byEvent = Message(id: "r", role: .assistant, text: "start ", status: .streaming, createdAt: Self.t0)
            var byBatch = byEvent
            for event in records.flatMap(\.events) { byEvent.apply(event) }
            byBatch.apply(eventsOf: records)
            XCTAssertEqual(byBatch, byEvent, "\(records.map(\.events))")
        }
    }

    func testCancelledRunKeepsWhatArrived() throws {
        let store = try openStore()
        let writer = try start(store, clock: ManualClock(), policy: RunWriter.Policy())
        try writer.append([record(0, at: 0.1)])
        try writer.finish(duration: 0.2, failure: ProviderError(kind: .cancelled, message: "Stopped by you"))
        let reply = try XCTUnwrap(try store.message(id: "r1"))
        XCTAssertEqual(reply.status, .cancelled)
        XCTAssertEqual(reply.text, "t0 ")
        XCTAssertEqual(reply.error?.message, "Stopped by you")
    }

    func testUnfinishedReplyIsInterruptedOnReopenWithWhatWasWritten() throws {
        do {
            let store = try openStore()
            let writer = try start(store, clock: ManualClock(), policy: RunWriter.Policy(maxRecords: 2, maxDelay: 10))
            for i in 0..<5 { try writer.append([record(i, at: Double(i))]) }
            XCTAssertEqual(writer.written.records, 4)
        }
        let store = try openStore()
        XCTAssertEqual(store.recoveredMessageIDs, ["r1"])
        let reply = try XCTUnwrap(try store.message(id: "r1"))
        XCTAssertEqual(reply.status, .interrupted)
        XCTAssertEqual(reply.text, "t0 t1 t2 t3 ")
        XCTAssertEqual(reply.error?.kind, .interrupted)
        XCTAssertEqual(try store.search("t3").map(\.messageID), ["r1"])
        XCTAssertEqual(try openStore().recoveredMessageIDs, [], "recovery happens once")
        assertSearchIndexIntact(store)
    }

    func testReplyIsRebuiltFromRecordEventsWhenOnlyRecordsWereStored() throws {
        do {
            let store = try openStore()
            try store.save(conversation("c1", title: "Records only"))
            try store.save(Message(id: "r1", role: .assistant, status: .streaming, createdAt: Self.t0), in: "c1")
            try store.save(
                StoredRun(
                    id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/"),
                    records: [
                        record(0, at: 0.1, events: [.opened(conversationID: "rc", messageID: "rm"), .reasoning("hmm"), .text("Hel")]),
                        record(1, at: 0.2, events: [.text("lo"), .step(Step(id: "s", kind: .toolCall, name: "calc"))]),
                    ]))
        }
        let reply = try XCTUnwrap(try openStore().message(id: "r1"))
        XCTAssertEqual(reply.status, .interrupted)
        XCTAssertEqual(reply.text, "Hello")
        XCTAssertEqual(reply.reasoning, "hmm")
        XCTAssertEqual(reply.remoteID, "rm")
        XCTAssertEqual(reply.steps.map(\.name), ["calc"])
    }
}

/// A `RunWriter` fed as the session controller feeds it: each record folded into the run's log first.
private final class FoldingWriter {
    let writer: RunWriter
    var log: RunLog

    init(writer: RunWriter, log: RunLog) {
        self.writer = writer
        self.log = log
    }

    var written: (records: Int, batches: Int) { writer.written }

    @discardableResult
    func append(_ records: [RawRecord]) throws -> Bool {
        log.append(contentsOf: records)
        return try writer.append(records, folded: log)
    }

    @discardableResult
    func flushIfDue() throws -> Bool { try writer.flushIfDue() }

    func noteHead(_ head: ResponseHead) throws { try writer.noteHead(head) }

    func finish(duration: Double, failure: ProviderError? = nil) throws {
        log.end(failure: failure)
        log.metrics.finish(at: duration)
        try writer.finish(log)
    }
}
