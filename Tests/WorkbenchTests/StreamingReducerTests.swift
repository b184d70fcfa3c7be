import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Turn actions folded into the reply, its log and its metrics.
final class StreamingReducerTests: XCTestCase {
    func testRecordsFoldIntoTheReplyAndMetrics() {
        var state = Scenes.finishedDemo()
        let reply = state.current.messages.last!
        XCTAssertEqual(reply.status, .complete)
        XCTAssertEqual(reply.text, Scenes.demoAnswer.joined())
        XCTAssertEqual(reply.usage?.totalTokens, 62)
        let log = state.inspectedLog!
        XCTAssertEqual(log.httpStatus, 200)
        XCTAssertEqual(log.records.count, 8)
        XCTAssertEqual(log.metrics.timeToFirstByte, 0.042)
        XCTAssertEqual(log.metrics.timeToFirstToken, 0.1)
        XCTAssertEqual(log.metrics.duration, 0.46)
        XCTAssertNil(state.activeRun)
        _ = reduce(&state, .event(.runRecords(runID: "t-old", Scenes.textRecords(["late"]))))
        XCTAssertEqual(state.current.messages.last?.text, Scenes.demoAnswer.joined(), "updates of an ended turn are ignored")
    }

    func testStreamEndingWithoutTerminalEventIsInterrupted() {
        var state = Scenes.empty()
        let id = Scenes.sending("hi", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["half an ans"]))))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        XCTAssertEqual(state.current.messages.last?.status, .interrupted)
        XCTAssertEqual(state.notice, "Reply interrupted.")
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("· interrupted"))
    }

    /// A store that cannot be written is named in the status bar while the reply goes on streaming, and the
    /// warning goes once writes succeed again.
    func testAFailingStoreIsShownUntilWritesSucceedAgain() {
        var state = Scenes.empty()
        let id = Scenes.sending("hi", into: &state)
        _ = reduce(&state, .event(.storeProblem("Not stored yet, retrying: Cannot write the Parley database at /tmp/p.sqlite: disk is full.")))
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["still ", "streaming"]))))
        XCTAssertEqual(state.current.messages.last?.text, "still streaming")
        let lastRow = { Screen.render(state, size: state.size).text.split(separator: "\n").last.map(String.init) ?? "" }
        XCTAssertTrue(lastRow().contains("Not stored yet, retrying: Cannot write the Parley"), lastRow())
        _ = reduce(&state, .key(.character("x")))
        XCTAssertTrue(lastRow().contains("Not stored yet"), "a key does not hide the warning")
        _ = reduce(&state, .event(.storeProblem(nil)))
        XCTAssertFalse(lastRow().contains("Not stored yet"), lastRow())
    }

    func testAReplyStoppedByTheUserStaysCancelledWhenTheServerThenEndsItNormally() {
        var state = Scenes.empty()
        let id = Scenes.sending("stop me", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["half"]))))
        let effects = reduce(&state, .key(.escape))
        XCTAssertEqual(effects, [.cancelRun(runID: id)])
        _ = reduce(&state, .event(.runRecords(runID: id, [Scenes.usageRecord(at: 0.3, offset: 90), Scenes.doneRecord(at: 0.31, offset: 200)])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        let reply = state.current.messages.last!
        XCTAssertEqual(reply.status, .cancelled)
        XCTAssertEqual(reply.text, "half")
        XCTAssertEqual(reply.usage?.totalTokens, 62, "the usage the server sent after the stop is kept")
        XCTAssertEqual(state.notice, "Reply cancelled.")
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("· cancelled"))
    }

    func testUsageShowsTheServersTokenCountsAndSaysWhenTheyDoNotAddUp() {
        var state = Scenes.empty()
        let id = Scenes.sending("count", into: &state)
        let usage = Usage(
            promptTokens: 2, completionTokens: 13, totalTokens: 12, totalPrice: Price("0.0000470"), currency: "USD",
            pricing: Pricing(promptPrice: Price("0.0000020"), promptUnitPrice: Price("0.001"), promptPriceUnit: Price("0.001")))
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: [], events: [.text("ok"), .usage(usage), .finished(reason: "stop")]),
        ])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.selectTab(.usage)))
        let screen = Screen.render(state, size: Size(columns: 160, rows: 40)).text
        XCTAssertTrue(screen.contains("12, not 2 + 13 (as sent)"), screen)
        XCTAssertTrue(screen.contains("0.0000470 USD"), "the price as sent")
        XCTAssertTrue(screen.contains("Prompt price     0.0000020 (0.001 per 1000 tokens)"), "with Dify's unit price and unit: \(screen)")
    }

    func testToolLabelsShowInTheTranscriptAndTheStepsTab() {
        var state = Scenes.empty()
        let id = Scenes.sending("time?", into: &state)
        let step = Step(id: "t1", kind: .agentThought, name: "current_time", input: "{}", output: "09:41", status: .completed, label: "Current Time")
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: [], events: [.step(step), .text("It is 09:41."), .finished(reason: "stop")]),
        ])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        let transcript = Screen.render(state, size: Size(columns: 160, rows: 40)).text
        XCTAssertTrue(transcript.contains("⚙ Current Time (current_time) {} ✓"), transcript)
        _ = reduce(&state, .intent(.selectTab(.steps)))
        XCTAssertTrue(Screen.render(state, size: Size(columns: 160, rows: 40)).text.contains("⚙ Current Time (current_time)"))
    }

    func testToolCallDraftsGrowFromFragments() {
        var state = Scenes.empty()
        let id = Scenes.sending("weather", into: &state)
        let fragments = ["{\"ci", "ty\": ", "\"Paris\"}"].map {
            RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: [], events: [
                .toolCallDelta(ToolCallDelta(index: 0, id: nil, name: nil, argumentsFragment: $0)),
            ])
        }
        _ = reduce(&state, .event(.runRecords(runID: id, fragments)))
        XCTAssertEqual(state.inspectedLog?.toolCalls.first?.arguments, "{\"city\": \"Paris\"}")
    }

    func testRenderingWorkFollowsWhatIsVisible() {
        var messages: [Message] = []
        for n in 0..<2000 {
            messages.append(Message(id: "u\(n)", role: .user, text: "question number \(n) " + String(repeating: "word ", count: 40)))
            messages.append(Message(id: "a\(n)", role: .assistant, text: String(repeating: "answer text ", count: 60)))
        }
        let size = Size(columns: 120, rows: 36)
        let state = AppState(endpoint: "e", messages: messages, size: size)
        let layout = TranscriptLayout.shared
        let start = layout.charactersWrapped
        _ = Screen.render(state, size: size)
        let first = layout.charactersWrapped - start
        let whole = messages.reduce(0) { $0 + $1.text.count }
        XCTAssertLessThan(first, whole / 100, "only the last few messages are wrapped")
        _ = Screen.render(state, size: size)
        XCTAssertEqual(layout.charactersWrapped - start, first, "an unchanged frame wraps nothing again")
    }

    func testStreamingReplyRewrapsOnlyItsLastParagraph() {
        var state = Scenes.empty()
        let id = Scenes.sending("long", into: &state)
        let paragraph = String(repeating: "lorem ipsum ", count: 50) + "\n"
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(Array(repeating: paragraph, count: 20)))))
        _ = Screen.render(state, size: state.size)
        let before = TranscriptLayout.shared.charactersWrapped
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["tail words"], start: 2))))
        _ = Screen.render(state, size: state.size)
        XCTAssertLessThan(TranscriptLayout.shared.charactersWrapped - before, paragraph.count, "the earlier paragraphs are kept")
    }
}
