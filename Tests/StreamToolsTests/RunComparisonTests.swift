import ChatModel
import StreamTools
import XCTest

final class RunComparisonTests: XCTestCase {
    private func run(
        _ label: String, text: String, status: Message.Status = .complete, finish: String? = "stop",
        ttft: Double, duration: Double, keepAlives: Int, gap: Double, tokens: Int?, price: String?, steps: [Step] = []
    ) -> ComparedRun {
        var reply = Message(id: label, role: .assistant, text: text, status: status)
        reply.finishReason = finish
        reply.steps = steps
        if let tokens {
            reply.usage = Usage(promptTokens: 10, completionTokens: tokens, totalTokens: 10 + tokens,
                                totalPrice: price.flatMap(Price.init), currency: "USD")
        }
        var metrics = RunMetrics()
        metrics.timeToFirstByte = 0.05
        metrics.timeToFirstToken = ttft
        metrics.duration = duration
        metrics.keepAlives = keepAlives
        metrics.largestGap = gap
        metrics.events = 20
        return ComparedRun(label: label, provider: "dify", model: nil, httpStatus: 200, reply: reply, metrics: metrics)
    }

    func testFiguresSideBySideWithTheChangeFromAToB() {
        let a = run("a", text: "It is sunny.", ttft: 0.4, duration: 2.0, keepAlives: 1, gap: 0.3, tokens: 12, price: "0.0000470")
        let failed = ProviderError(kind: .stream, message: "rate limit")
        var b = run(
            "b", text: "It is cloudy.", status: .failed, finish: nil, ttft: 0.52, duration: 1.5, keepAlives: 3, gap: 11,
            tokens: 9, price: "0.0000350", steps: [Step(id: "s1", kind: .toolCall, name: "weather", status: .completed)])
        b.reply.error = failed
        let comparison = RunComparison(a, b)
        func row(_ name: String) -> RunComparison.Row? { comparison.rows.first { $0.name == name } }
        XCTAssertEqual(row("first token"), RunComparison.Row(name: "first token", a: "0.400 s", b: "0.520 s", change: "+0.120 s"))
        XCTAssertEqual(row("duration")?.change, "-0.500 s")
        XCTAssertEqual(row("first byte")?.change, nil, "the same figure has no change")
        XCTAssertEqual(row("completion tokens"), RunComparison.Row(name: "completion tokens", a: "12", b: "9", change: "-3"))
        XCTAssertEqual(row("price"), RunComparison.Row(name: "price", a: "0.0000470 USD", b: "0.0000350 USD", change: "-0.000012"))
        XCTAssertEqual(row("keep-alives")?.change, "+2")
        XCTAssertEqual(row("largest gap")?.b, "11.000 s")
        XCTAssertEqual(row("ended"), RunComparison.Row(name: "ended", a: "complete (stop)", b: "failed: rate limit"))
        XCTAssertEqual(comparison.b.stepLines, ["weather (tool_call, completed)"])
        XCTAssertEqual(comparison.textDiff.marked, "It is [-sunny.-]{+cloudy.+}")
        XCTAssertNil(comparison.reasoningDiff)
    }

    func testMissingFiguresShowADash() {
        let a = run("a", text: "x", ttft: 0.1, duration: 1, keepAlives: 0, gap: 0, tokens: nil, price: nil)
        let comparison = RunComparison(a, a)
        XCTAssertEqual(comparison.rows.first { $0.name == "total tokens" }, RunComparison.Row(name: "total tokens", a: "-", b: "-"))
        XCTAssertEqual(comparison.rows.first { $0.name == "model" }?.a, "-")
        XCTAssertTrue(comparison.textDiff.isEmpty)
    }

    func testSecondsAreWrittenWithMilliseconds() {
        XCTAssertEqual(RunComparison.formatSeconds(0.0424), "0.042 s")
        XCTAssertEqual(RunComparison.formatSeconds(12.5), "12.500 s")
        XCTAssertEqual(RunComparison.formatSeconds(-0.007), "-0.007 s")
    }
}
