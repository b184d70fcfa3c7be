import ChatModel
import Foundation
import XCTest

@testable import Store

/// The JSON columns of runs and raw records keep the shapes older Parley versions wrote.
final class JSONColumnTests: StoreTestCase {
    func testEventsColumnKeepsItsShapeAndReadsBack() throws {
        let events: [StreamEvent] = [
            .opened(conversationID: "conv-1", messageID: nil), .text("Grüße"),
            .step(Step(id: "s1", kind: .toolCall, name: "search", input: "{}", output: "ok", status: .completed)),
            .citations([Citation(title: "T", content: "C", score: 1, url: "https://x.invalid/a")]),
            .usage(Usage(promptTokens: 1, totalPrice: Price("0.10"), currency: "USD", latency: 2)),
            .finished(reason: "stop"),
        ]
        let column = EventRecord.jsonText(events.map(RecordMapping.row))
        XCTAssertEqual(column, """
            [{"type":"opened","conversationID":"conv-1"},{"type":"text","text":"Grüße"},\
            {"type":"step","step":{"id":"s1","kind":"tool_call","name":"search","input":"{}","output":"ok","status":"completed","thought":""}},\
            {"type":"citations","citations":[{"title":"T","content":"C","score":1.0,"url":"https://x.invalid/a"}]},\
            {"type":"usage","usage":{"promptTokens":1,"totalPrice":"0.10","currency":"USD","latency":2.0}},\
            {"type":"finished","reason":"stop"}]
            """)
        XCTAssertEqual(EventRecord.events(jsonText: column).compactMap(RecordMapping.event), events)
        XCTAssertEqual(EventRecord.events(jsonText: "not json"), [])
    }

    func testHeadersWrittenByEarlierVersionsReadBack() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "Old rows"))
        try store.save(richReply(id: "r1"), in: "c1")
        try store.save(StoredRun(id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "u")))
        // The exact text an earlier Parley stored: JSONEncoder's output, with escaped slashes.
        try store.locked { db in
            try db.execute(
                #"UPDATE runs SET request_headers = '[["Content-Type","application\/json"],["X-Note","caf\u00e9 \"q\""]]', "#
                    + #"response_status = 200, response_headers = '[["Content-Type","text\/event-stream"]]' WHERE id = 'run1'"#)
        }
        let run = try XCTUnwrap(try store.run(id: "run1"))
        XCTAssertEqual(run.request.headers, [HTTPHeader("Content-Type", "application/json"), HTTPHeader("X-Note", "café \"q\"")])
        XCTAssertEqual(run.response?.headers, [HTTPHeader("Content-Type", "text/event-stream")])
    }

    func testHeadersAreStoredAsNameValuePairs() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "New rows"))
        try store.save(richReply(id: "r1"), in: "c1")
        let request = RunRequest(method: "POST", url: "u", headers: [HTTPHeader("Accept", "text/event-stream")])
        try store.save(StoredRun(id: "run1", messageID: "r1", startedAt: Self.t0, request: request))
        let column = try store.locked { db -> String in
            let select = try db.prepare("SELECT request_headers FROM runs WHERE id = 'run1'")
            _ = try select.step()
            return select.text(0)
        }
        let value = try JSONReader.parse(column)
        XCTAssertEqual(value, .array([.array([.string("Accept"), .string("text/event-stream")])]))
    }
}
