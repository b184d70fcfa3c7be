import ChatModel
import StreamTools
import XCTest

/// Each rule on a small stream built to break it, with where the finding points.
final class LintRuleTests: XCTestCase {
    private let done = "data: [DONE]\n\n"

    private func lint(
        _ body: String, provider: String? = nil, head: LintInput.Head? = nil, request: String? = nil
    ) -> LintReport {
        Linter.lint(LintInput(provider: provider, head: head, body: Array(body.utf8), requestBody: request.map { Array($0.utf8) }))
    }

    private func chunk(_ delta: String, finish: String? = nil, extra: String = "") -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":\(reason)}]\(extra)}\n\n"
    }

    private var cleanChat: String { chunk(#"{"content":"Hi"}"#) + chunk("{}", finish: "stop") + done }

    func testACleanChatStreamHasNoFindings() {
        XCTAssertEqual(lint(cleanChat).findings, [])
    }

    func testLineEndsBOMAndEncoding() {
        let bom = Linter.lint(LintInput(body: [0xEF, 0xBB, 0xBF] + Array(cleanChat.utf8)))
        XCTAssertEqual(bom.ruleIDs, ["sse-bom"])
        XCTAssertEqual(bom.findings[0].offset, 0)

        let cr = lint(cleanChat.replacingOccurrences(of: "\n", with: "\r"))
        XCTAssertEqual(cr.ruleIDs, ["sse-cr"])

        let mixed = lint(chunk(#"{"content":"Hi"}"#).replacingOccurrences(of: "\n", with: "\r\n") + chunk("{}", finish: "stop") + done)
        XCTAssertEqual(mixed.ruleIDs, ["sse-crlf", "sse-mixed-line-endings"])
        let crlfPart = chunk(#"{"content":"Hi"}"#).utf8.count + 2
        let firstLFLine = chunk("{}", finish: "stop").utf8.count - 2
        XCTAssertEqual(mixed.findings.last?.offset, crlfPart + firstLFLine, "the end of the first line that ends in LF")

        var bytes = Array(chunk(#"{"content":"caf"}"#).utf8)
        bytes.insert(0xFF, at: bytes.firstIndex(of: UInt8(ascii: "f"))! + 1)
        let invalid = Linter.lint(LintInput(body: bytes + Array((chunk("{}", finish: "stop") + done).utf8)))
        XCTAssertEqual(invalid.ruleIDs, ["sse-invalid-utf8"])
        XCTAssertEqual(invalid.findings[0].offset, bytes.firstIndex(of: 0xFF))
        XCTAssertTrue(invalid.hasErrors)
    }

    func testFieldsCommentsAndBlocksWithoutData() {
        let report = lint(": keep-alive\n\nevent: ping\n\ncolour: red\ndata: x\n\nid: 4\ndata: y\n\n", provider: "sse")
        XCTAssertEqual(report.ruleIDs, ["sse-comment", "keepalive-cadence", "sse-event-without-data", "sse-unknown-field", "sse-id-retry"])
        XCTAssertEqual(report.findings.first { $0.rule == .eventWithoutData }?.record, 1)
        XCTAssertEqual(report.findings.first { $0.rule == .unknownField }?.offset, 27)
    }

    func testAnUnterminatedLastEventAndAnEmptyBody() {
        let cut = lint(chunk(#"{"content":"Hi"}"#) + "data: [DONE]")
        XCTAssertEqual(cut.ruleIDs, ["sse-unterminated-event", "end-missing"])
        XCTAssertTrue(cut.hasErrors)
        XCTAssertEqual(lint("", head: LintInput.Head(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")])).ruleIDs, ["sse-empty"])
    }

    func testContentTypeAndStatus() {
        let json = LintInput.Head(status: 200, headers: [HTTPHeader("Content-Type", "application/json")])
        let wrong = lint(cleanChat, head: json)
        XCTAssertEqual(wrong.ruleIDs, ["http-content-type"])
        XCTAssertNil(wrong.findings[0].record, "a head finding has no record")
        XCTAssertTrue(wrong.hasErrors)
        let error = lint(#"{"error":{"message":"no"}}"#, head: LintInput.Head(status: 500, headers: []))
        XCTAssertEqual(error.ruleIDs, ["http-status"])
        XCTAssertFalse(error.hasErrors)
    }

    func testTheEndOfAChatStream() {
        XCTAssertEqual(lint(chunk(#"{"content":"Hi"}"#)).ruleIDs, ["end-missing"])
        XCTAssertEqual(lint(chunk(#"{"content":"Hi"}"#) + chunk("{}", finish: "stop")).ruleIDs, ["done-missing"])
        XCTAssertEqual(lint(chunk(#"{"content":"Hi"}"#) + done).ruleIDs, ["finish-reason-missing"])
        let after = lint(cleanChat + chunk(#"{"content":"late"}"#))
        XCTAssertEqual(after.ruleIDs, ["event-after-end"])
        XCTAssertEqual(after.findings[0].record, 3)
        XCTAssertEqual(lint(chunk(#"{"content":"Hi"}"#) + "data: {\"error\":{\"message\":\"boom\"}}\n\n").ruleIDs, ["event-error"])
        XCTAssertEqual(lint("data: {not json}\n\n" + cleanChat).ruleIDs, ["json-invalid"])
        XCTAssertEqual(lint("event: delta\n" + cleanChat, provider: "openai").ruleIDs, ["event-unknown-type"])
    }

    func testTheUsageChunk() {
        let usage = #","usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}"#
        let asked = #"{"model":"m","stream":true,"stream_options":{"include_usage":true}}"#
        let good = chunk(#"{"content":"Hi"}"#) + chunk("{}", finish: "stop") + "data: {\"choices\":[]\(usage)}\n\n" + done
        XCTAssertEqual(lint(good, request: asked).findings, [])
        XCTAssertEqual(lint(cleanChat, request: asked).ruleIDs, ["usage-missing"])
        XCTAssertEqual(lint(cleanChat, request: #"{"stream":true}"#).findings, [], "not asked, not missing")
        XCTAssertEqual(lint(cleanChat).findings, [], "request unknown")
        let early = chunk(#"{"content":"Hi"}"#, extra: usage) + chunk(#"{"content":"!"}"#) + chunk("{}", finish: "stop") + done
        XCTAssertEqual(lint(early).ruleIDs, ["usage-choices-not-empty", "usage-placement"])
    }

    func testDeltasAndToolCalls() {
        XCTAssertEqual(lint(chunk(#"{"role":"assistant","content":null}"#) + cleanChat).ruleIDs, ["delta-explicit-null"])
        let first = #"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}"#
        let repeated = #"{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":"{}"}}]}"#
        let report = lint(chunk(first) + chunk(repeated) + chunk(repeated) + chunk("{}", finish: "tool_calls") + done)
        XCTAssertEqual(report.ruleIDs, ["tool-call-id-repeated", "tool-call-name-repeated"])
        XCTAssertEqual(report.findings[0].record, 1)
        XCTAssertEqual(report.findings[0].count, 2)
        let legacy = #"{"function_call":{"name":"f","arguments":"{}"},"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{}"}}]}"#
        XCTAssertEqual(lint(chunk(legacy) + chunk("{}", finish: "tool_calls") + done).ruleIDs, ["tool-call-legacy-function-call"])
    }

    func testDifyRules() {
        let message = #"data: {"event":"message","conversation_id":"c","answer":"Hi"}"# + "\n\n"
        let end = #"data: {"event":"message_end","conversation_id":"c","metadata":{}}"# + "\n\n"
        XCTAssertEqual(lint(message + end).findings, [])
        XCTAssertEqual(lint(message).ruleIDs, ["end-missing"])
        XCTAssertEqual(lint(message + end + message).ruleIDs, ["event-after-end"])
        XCTAssertEqual(lint(message + end + #"data: {"event":"tts_message_end","audio":""}"# + "\n\n").findings, [])
        XCTAssertEqual(lint(#"data: {"event":"surprise"}"# + "\n\n" + message + end).ruleIDs, ["event-unknown-type"])
        let thought = #"data: {"event":"agent_thought","id":"t1","thought":""}"# + "\n\n"
        let report = lint(thought + thought + thought + message + end)
        XCTAssertEqual(report.ruleIDs, ["agent-thought-repeated"])
        XCTAssertEqual(report.findings[0].count, 2)
        XCTAssertEqual(report.findings[0].record, 1)
        XCTAssertEqual(lint(message + #"data: {"event":"error","message":"quota"}"# + "\n\n").ruleIDs, ["event-error"])
        XCTAssertEqual(lint(message + end, provider: "openai").ruleIDs.contains("end-missing"), true, "--provider wins over guessing")
    }

    func testGapsAndKeepAliveCadenceNeedTiming() {
        let pieces = [
            LintInput.Piece(time: 0.2, bytes: Array(chunk(#"{"content":"Hi"}"#).utf8)),
            LintInput.Piece(time: 10.2, bytes: Array(": ping\n\n".utf8)),
            LintInput.Piece(time: 20.2, bytes: Array(": ping\n\n".utf8)),
            LintInput.Piece(time: 45.0, bytes: Array((chunk("{}", finish: "stop") + done).utf8)),
        ]
        let timed = Linter.lint(LintInput(pieces: pieces, timed: true))
        XCTAssertEqual(timed.ruleIDs, ["sse-comment", "keepalive-cadence", "stream-gap"])
        let gap = timed.findings.first { $0.rule == .gap }
        XCTAssertEqual(gap?.record, 3)
        XCTAssertEqual(gap?.message, "A silence over 10.5 s; the longest, 24.8 s, ends here.")
        XCTAssertEqual(timed.findings.first { $0.rule == .keepAliveCadence }?.message,
                       "2 keep-alives (comments or data-less blocks), every 10.0 s; the first is here.")
        let relaxed = Linter.lint(LintInput(pieces: pieces, timed: true, gapThreshold: 30))
        XCTAssertFalse(relaxed.ruleIDs.contains("stream-gap"))
        XCTAssertFalse(Linter.lint(LintInput(pieces: pieces)).ruleIDs.contains("stream-gap"), "no timing, no gaps")
    }

    func testARunsRawRecordsLintWithTheirTimes() {
        let records = [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: Array(chunk(#"{"content":"Hi"}"#).utf8), events: []),
            RawRecord(kind: .event, offset: 0, receivedAt: 30, bytes: Array(chunk("{}", finish: "stop").utf8), events: []),
        ]
        XCTAssertEqual(Linter.lint(LintInput(records: records)).ruleIDs, ["stream-gap", "done-missing"])
    }

    func testEveryRuleIsListedOnceWithAReason() {
        XCTAssertEqual(Set(LintRule.all.map(\.id)).count, LintRule.all.count)
        XCTAssertTrue(LintRule.all.allSatisfy { !$0.why.isEmpty && !$0.why.contains("\n") })
    }
}
