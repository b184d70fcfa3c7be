import ChatModel
import XCTest

/// Timing as a developer reads it: silence is time with no byte at all, gaps and stalls are about content.
final class RunMetricsTests: XCTestCase {
    private func record(at time: Double, _ events: [StreamEvent], kind: RawRecord.Kind = .event) -> RawRecord {
        RawRecord(kind: kind, offset: 0, receivedAt: time, bytes: Array("x".utf8), events: events)
    }

    func testTheWaitForTheFirstByteIsASilence() {
        var metrics = RunMetrics()
        metrics.noteHead(at: 10)
        metrics.note(record(at: 10.2, [.text("Hi")]))
        XCTAssertEqual(metrics.largestSilence, 10, "a server that sends no headers while its model thinks is silent")
        XCTAssertEqual(metrics.stalls, 0)
    }

    func testKeepAlivesAreTrafficButNotContent() {
        var metrics = RunMetrics()
        metrics.noteHead(at: 0.1)
        metrics.note(record(at: 0.2, [.text("Let me")]))
        for second in 1...5 { metrics.note(record(at: 0.2 + Double(second), [.keepAlive], kind: .keepAlive)) }
        metrics.note(record(at: 5.5, [.text(" think")]))
        XCTAssertEqual(metrics.largestSilence, 1, accuracy: 1e-9, "a ping every second: never silent for long")
        XCTAssertEqual(metrics.largestGap, 5.3, accuracy: 1e-9, "but 5.3 s between words")
        XCTAssertEqual(metrics.stalls, 1, "the stall is counted on content")
    }

    func testTokensPerSecondNeedTheServersCountAndSayWhyNot() {
        var metrics = RunMetrics()
        metrics.note(record(at: 0.5, [.text("one")]))
        metrics.note(record(at: 1.5, [.text(" two"), .finished(reason: "stop")]))
        metrics.finish(at: 1.5)
        XCTAssertNil(metrics.tokensPerSecond, "text deltas are not tokens")
        XCTAssertEqual(metrics.tokensPerSecondAbsence, "the server sent no token count")
        metrics.note(record(at: 1.5, [.usage(Usage(completionTokens: 4))]))
        XCTAssertEqual(metrics.tokensPerSecond, 4)
        XCTAssertNil(metrics.tokensPerSecondAbsence)
    }
}
