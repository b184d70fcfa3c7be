import ChatModel
import Foundation
import XCTest

@testable import Store

final class RoundTripTests: StoreTestCase {
    func testEveryPartTypeSurvivesReopening() throws {
        let reply = richReply(id: "r1")
        do {
            let store = try openStore()
            try store.save(conversation("c1", title: "Ünïcödé 会話"))
            try store.save(Message(id: "u1", role: .user, text: "Frage: 你好?", createdAt: Self.t0), in: "c1")
            try store.save(reply, in: "c1")
        }
        let store = try openStore()
        let (conversation, messages) = try XCTUnwrap(try store.transcript(id: "c1"))
        XCTAssertEqual(conversation.title, "Ünïcödé 会話")
        XCTAssertEqual(messages.map(\.id), ["u1", "r1"])
        XCTAssertEqual(messages[1], reply)
        XCTAssertEqual(messages[1].usage?.totalPrice?.description, "0.0000495")
    }

    func testEveryStatusRoundTrips() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "statuses"))
        let statuses: [Message.Status] = [.complete, .cancelled, .failed, .interrupted]
        for (i, status) in statuses.enumerated() {
            try store.save(Message(id: "m\(i)", role: .assistant, text: "x", status: status, createdAt: Self.t0), in: "c1")
        }
        XCTAssertEqual(try store.transcript(id: "c1")?.messages.map(\.status), statuses)
    }

    func testRunKeepsRequestWithSecretsRedactedAndEveryRecordInOrder() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "run"))
        try store.save(richReply(id: "r1"), in: "c1")
        let invalidUTF8: [UInt8] = [0x64, 0x61, 0x74, 0x61, 0x3A, 0xFF, 0xFE, 0x0A, 0x0A]
        let events: [StreamEvent] = [
            .opened(conversationID: "conv-1", messageID: "msg-1"), .text("héllo"), .replaced("all"), .reasoning("hm"),
            .step(Step(id: "s", kind: .node, name: "n", input: "i", output: "o", status: .stopped, thought: "t")),
            .toolCallDelta(ToolCallDelta(index: 2, id: "call", name: "fn", argumentsFragment: "{\"a\"")),
            .citations([Citation(title: "T", content: "C", score: 0.5)]), .file(Attachment(type: "document")),
            .usage(Usage(totalPrice: Price("12.3400000001"))), .keepAlive, .finished(reason: "stop"),
            .failed(ProviderError(kind: .transport, message: "reset")),
        ]
        let records = [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.25, bytes: Array("data: {}\n\n".utf8), eventName: "message", events: Array(events[0..<6])),
            RawRecord(kind: .keepAlive, offset: 10, receivedAt: 0.5, bytes: Array(": ping\n\n".utf8), events: [.keepAlive]),
            RawRecord(kind: .tail, offset: 18, receivedAt: 0.75, bytes: invalidUTF8, events: Array(events[6...])),
        ]
        var metrics = RunMetrics()
        records.forEach { metrics.note($0) }
        metrics.finish(at: 1.5)
        let request = RunRequest(
            method: "POST", url: "https://user:pw@api.example.invalid/v1/chat?api_key=sk-123&stream=true",
            headers: [
                HTTPHeader("Authorization", "Bearer sk-secret"), HTTPHeader("X-Api-Key", "k"),
                HTTPHeader("Cookie", "session=1"), HTTPHeader("Content-Type", "application/json"),
            ],
            body: Array(#"{"query":"hi"}"#.utf8))
        try store.save(
            StoredRun(
                id: "run1", messageID: "r1", startedAt: Self.t0, request: request,
                response: ResponseHead(status: 200, headers: [HTTPHeader("Set-Cookie", "a=b"), HTTPHeader("X-Trace", "t1")], receivedAt: 0.1),
                metrics: metrics, records: records))

        let stored = try XCTUnwrap(try store.run(id: "run1"))
        XCTAssertEqual(stored.records, records)
        XCTAssertEqual(stored.metrics, metricsWithoutRunningState(metrics))
        XCTAssertEqual(stored.request.url, "https://[redacted]@api.example.invalid/v1/chat?api_key=[redacted]&stream=true")
        XCTAssertEqual(stored.request.headers, [
            HTTPHeader("Authorization", "Bearer [redacted]"), HTTPHeader("X-Api-Key", "[redacted]"),
            HTTPHeader("Cookie", "[redacted]"), HTTPHeader("Content-Type", "application/json"),
        ])
        XCTAssertEqual(stored.request.body, request.body)
        XCTAssertEqual(stored.response?.headers, [HTTPHeader("Set-Cookie", "[redacted]"), HTTPHeader("X-Trace", "t1")])
        let file = try String(contentsOfFile: databasePath, encoding: .isoLatin1)
            + ((try? String(contentsOfFile: databasePath + "-wal", encoding: .isoLatin1)) ?? "")
        XCTAssertFalse(file.contains("sk-secret"))
        XCTAssertFalse(file.contains("sk-123"))
    }

    func testEveryFieldOfEveryEventSurvivesTheRecordsColumn() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "events"))
        try store.save(richReply(id: "r1"), in: "c1")
        let events: [StreamEvent] = [
            .text("quote \" backslash \\ newline \n tab \t bell \u{07} é 😀 \u{202E}"),
            .citations([Citation(
                id: "d1", position: 3, title: "Title", source: "kb", content: "body", score: 0.125, url: "https://x.invalid/a?b=c")]),
            .file(Attachment(id: "f1", type: "image", url: "https://x.invalid/i.png", name: "i.png", belongsTo: "assistant")),
            .usage(Usage(
                promptTokens: 1, completionTokens: 2, totalTokens: 3, totalPrice: Price("0.0000495"),
                currency: "USD", latency: 1.75,
                pricing: Pricing(promptPrice: Price("0.0010330"), promptUnitPrice: Price("0.001"), promptPriceUnit: Price("0.001")))),
            .failed(ProviderError(kind: .http, status: 429, code: "rate_limited", message: "slow down")),
            .toolCallDelta(ToolCallDelta(index: 0)),
            .opened(conversationID: "", messageID: nil),
        ]
        let records = [RawRecord(kind: .event, offset: 0, receivedAt: 0.5, bytes: [], events: events)]
        try store.save(StoredRun(
            id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/"),
            records: records))
        XCTAssertEqual(try store.run(id: "run1")?.records, records)
    }

    func testALongRunIsReadBackWithItsNewestRecordsAndPagedForTheRest() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "long"))
        let reply = Message(id: "r1", role: .assistant, text: (0..<100).map { "w\($0) " }.joined(), createdAt: Self.t0)
        try store.save(reply, in: "c1")
        let records = (0..<100).map {
            RawRecord(kind: .event, offset: $0 * 10, receivedAt: Double($0) / 100, bytes: Array("data: \($0)\n\n".utf8), events: [.text("w\($0) ")])
        }
        var metrics = RunMetrics()
        records.forEach { metrics.note($0) }
        try store.save(StoredRun(
            id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/"),
            response: ResponseHead(status: 200, headers: [], receivedAt: 0.01), metrics: metrics, records: records))

        let log = try XCTUnwrap(try store.latestRunLog(of: reply, in: "c1", recordLimit: 10))
        XCTAssertEqual(log.recordCount, 100)
        XCTAssertEqual(log.records, Array(records.suffix(10)))
        XCTAssertEqual(log.record(at: 95), records[95])
        XCTAssertNil(log.record(at: 5))
        XCTAssertEqual(log.reply, reply)
        XCTAssertEqual(log.httpStatus, 200)
        XCTAssertEqual(log.metrics.records, 100)
        XCTAssertEqual(try store.records(ofRun: "run1", in: 3..<6), Array(records[3..<6]))
        XCTAssertEqual(try store.records(ofRun: "run1", in: 98..<120), Array(records[98...]))
        XCTAssertEqual(try store.latestRunLog(of: reply, in: "c1")?.records, records)
    }

    func testARunsHeadIsReadWithoutItsRecordsAndWithItsKeyRedacted() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "request"))
        try store.save(Message(id: "r1", role: .assistant, text: "hi", createdAt: Self.t0), in: "c1")
        let request = RunRequest(
            method: "POST", url: "http://127.0.0.1/v1/chat-messages",
            headers: [HTTPHeader("Authorization", "Bearer app-secret"), HTTPHeader("Accept", "text/event-stream")],
            body: Array(#"{"query":"hi"}"#.utf8), credentials: .authorization)
        let records = [RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: Array("data: x\n\n".utf8), events: [.text("hi")])]
        try store.save(StoredRun(
            id: "run1", messageID: "r1", startedAt: Self.t0, request: request,
            response: ResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")], receivedAt: 0.02),
            records: records))
        let head = try XCTUnwrap(try store.runHead(id: "run1"))
        XCTAssertEqual(head.records, [], "the Request tab needs no records")
        XCTAssertEqual(head.request.headers.first, HTTPHeader("Authorization", "Bearer [redacted]"))
        XCTAssertEqual(head.request.body, request.body)
        XCTAssertEqual(head.response?.status, 200)
        XCTAssertNil(try store.runHead(id: "missing"))
    }

    func testAReplyReadBackWithItsRunKeepsThePricingItsStreamCarried() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "priced"))
        let pricing = Pricing(completionPrice: Price("0.0000120"), completionUnitPrice: Price("0.002"), completionPriceUnit: Price("0.001"))
        var reply = Message(id: "r1", role: .assistant, text: "ok", createdAt: Self.t0)
        reply.usage = Usage(completionTokens: 6, totalPrice: Price("0.0000120"), currency: "USD")
        try store.save(reply, in: "c1")
        let usage = Usage(completionTokens: 6, totalPrice: Price("0.0000120"), currency: "USD", pricing: pricing)
        try store.save(StoredRun(
            id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/"),
            records: [RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: [], events: [.text("ok"), .usage(usage), .finished(reason: "stop")])]))
        let stored = try XCTUnwrap(try store.message(id: "r1"))
        XCTAssertEqual(try store.latestRunLog(of: stored, in: "c1")?.reply.usage?.pricing, pricing)
    }

    func testProfilesKeepNameKindAndURLButNoSecrets() throws {
        let store = try openStore()
        try store.noteProfile(Profile(name: "work", provider: "dify", baseURL: "https://dify.invalid/v1?token=abc"), at: Self.t0)
        try store.noteProfile(Profile(name: "local", provider: "openai", baseURL: "http://127.0.0.1:8080"), at: Self.t0.addingTimeInterval(9))
        XCTAssertEqual(try store.profiles(), [
            Profile(name: "local", provider: "openai", baseURL: "http://127.0.0.1:8080"),
            Profile(name: "work", provider: "dify", baseURL: "https://dify.invalid/v1?token=[redacted]"),
        ])
    }

    /// The stored figures: everything but the private last-arrival time used while measuring.
    private func metricsWithoutRunningState(_ m: RunMetrics) -> RunMetrics {
        var copy = RunMetrics()
        copy.timeToFirstByte = m.timeToFirstByte
        copy.timeToFirstToken = m.timeToFirstToken
        copy.duration = m.duration
        copy.bytes = m.bytes
        copy.records = m.records
        copy.events = m.events
        copy.keepAlives = m.keepAlives
        copy.textDeltas = m.textDeltas
        copy.largestGap = m.largestGap
        copy.largestSilence = m.largestSilence
        copy.stalls = m.stalls
        copy.completionTokens = m.completionTokens
        return copy
    }
}
