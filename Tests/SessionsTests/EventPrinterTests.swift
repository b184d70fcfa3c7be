import ChatModel
import Sessions
import XCTest

/// Plain `send` on stderr: each tool step once, with its label and what the tool answered; no empty lines.
final class EventPrinterTests: XCTestCase {
    func testAToolStepIsPrintedOnceWithItsLabelInputAndObservation() {
        var printer = EventPrinter(mode: .text)
        let running = Step(id: "t1", kind: .agentThought, name: "current_time", input: #"{"tz": "WET"}"#, label: "Current Time")
        var done = running
        done.output = #"{"current_time": "09:41"}"#
        done.status = .completed
        let answerOnly = Step(id: "t2", kind: .agentThought, name: "thought 2", status: .completed, thought: "It is 09:41.")

        XCTAssertEqual(printer.output(for: [.step(running)]).standardError, "", "a running step waits for its answer")
        XCTAssertEqual(
            printer.output(for: [.step(done)]).standardError,
            "[agent_thought] Current Time (current_time) {\"tz\": \"WET\"}\n  → {\"current_time\": \"09:41\"}\n")
        XCTAssertEqual(printer.output(for: [.step(done)]).standardError, "", "Dify re-sends the same thought: printed once")
        XCTAssertEqual(printer.output(for: [.step(answerOnly)]).standardError, "", "a thought with no tool prints no empty line")
    }
}
