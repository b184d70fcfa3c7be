import ChatModel
import TerminalUI
import Workbench
import XCTest

/// The screen as text for the states a user meets: each compared with a committed snapshot, and with its
/// styles where colour carries meaning.
final class ScreenSnapshotTests: XCTestCase {
    private let size = Size(columns: 120, rows: 36)

    func testEmptyWorkbench() {
        assertSnapshot(Screen.render(Scenes.empty(), size: size), named: "empty")
    }

    func testFinishedReplyWithRawTab() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.selectTab(.raw)))
        assertSnapshot(Screen.render(state, size: size), named: "finished-raw")
    }

    func testFinishedReplyUsageTab() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.selectTab(.usage)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "finished-usage")
        XCTAssertTrue(grid.text.contains("Total tokens"))
    }

    func testStreamingReplyShowsPartialTextAndState() {
        var state = Scenes.empty()
        let id = Scenes.sending("Tell me about SSE", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(Array(Scenes.demoAnswer.prefix(3))))))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "streaming")
        XCTAssertTrue(grid.text.contains("streaming…"))
    }

    func testFailedReplyShowsErrorInErrorStyle() {
        var state = Scenes.empty()
        let id = Scenes.sending("Hello?", into: &state)
        let body = Array(#"{"error":{"message":"Upstream model is overloaded","type":"server_error"}}"#.utf8)
        let failure = ProviderError(kind: .http, status: 500, code: "server_error", message: "Upstream model is overloaded")
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .document, offset: 0, receivedAt: 0.05, bytes: body, events: [.failed(failure)]),
        ])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "failed")
        assertStyledSnapshot(grid, named: "failed")
        let row = (0..<grid.size.rows).first { grid.line($0).contains("✗ HTTP 500 (server_error)") }
        XCTAssertNotNil(row, "the error message is shown")
        if let row {
            let x = grid.line(row).distance(of: "✗")
            XCTAssertEqual(grid[x, row].style, Theme.standard.style("error"))
        }
    }

    func testCancelledReplyKeepsWhatArrived() {
        var state = Scenes.empty()
        let id = Scenes.sending("Write a long poem", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["Roses are red,\n", "violets are"]))))
        XCTAssertEqual(reduce(&state, .key(.escape)), [.cancelRun(runID: id)])
        let cancelled = ProviderError(kind: .cancelled, message: "Cancelled.")
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .tail, offset: 120, receivedAt: 0.3, bytes: [], events: [.failed(cancelled)]),
        ])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "cancelled")
        XCTAssertTrue(grid.text.contains("violets are"))
        XCTAssertTrue(grid.text.contains("· cancelled"))
    }

    func testToolCallArgumentsGrowLiveInStepsTab() {
        var state = Scenes.empty()
        let id = Scenes.sending("Weather in Paris?", into: &state)
        let step = Step(id: "call_7e", kind: .toolCall, name: "get_weather", status: .running)
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: Array("data: {…tool_calls…}\n\n".utf8), events: [
                .toolCallDelta(ToolCallDelta(index: 0, id: "call_7e", name: "get_weather", argumentsFragment: "")),
                .step(step),
            ]),
            RawRecord(kind: .event, offset: 40, receivedAt: 0.15, bytes: Array("data: {…}\n\n".utf8), events: [
                .toolCallDelta(ToolCallDelta(index: 0, argumentsFragment: "{\"city\": \"Par")),
            ]),
        ])))
        for _ in 0..<3 { _ = reduce(&state, .key(.tab)) }
        XCTAssertEqual(state.focus, .inspector)
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "tool-call-streaming")
        XCTAssertTrue(grid.text.contains("{\"city\": \"Par▍"))
    }

    func testRawRecordExpandedShowsBytesAndEvents() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.up))
        _ = reduce(&state, .key(.up))
        _ = reduce(&state, .key(.enter))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "raw-expanded")
        XCTAssertTrue(grid.text.contains("\"type\":\"text\""))
    }

    /// Bindings that cannot act now, and why, are drawn dimmed (the styled snapshot shows it).
    func testHelpOverlayListsBindings() {
        var state = Scenes.empty()
        _ = reduce(&state, .key(.function(1)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "help")
        assertStyledSnapshot(grid, named: "help")
        XCTAssertTrue(grid.text.contains("now: Nothing is streaming."))
    }

    func testNarrowTerminal() {
        let narrow = Size(columns: 60, rows: 20)
        var state = Scenes.finishedDemo(size: narrow)
        _ = reduce(&state, .intent(.selectTab(.usage)))
        assertSnapshot(Screen.render(state, size: narrow), named: "narrow-60x20")
    }

    func testWideCharactersEmojiAndEscapesStayInTheirColumns() {
        var state = Scenes.empty()
        let id = Scenes.sending("日本語で説明して 🙂", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords([
            "東京は日本の首都です。人口は約1400万人で、", "世界でも有数の大都市です。👩‍💻🇯🇵 café ",
            "and a trap: \u{1B}[31mred\u{1B}[0m \u{1B}]0;pwned\u{07}",
        ]))))
        _ = reduce(&state, .event(.runRecords(runID: id, [Scenes.doneRecord(at: 0.5, offset: 400)])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.selectTab(.raw)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "wide-emoji-escapes")
        XCTAssertFalse(grid.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } },
                       "no control character reaches a cell")
        XCTAssertTrue(grid.text.contains("␛[31mred␛[0m"))
        for y in 0..<grid.size.rows {
            XCTAssertEqual(DisplayWidth.of(grid.line(y)), 120, "row \(y) keeps the terminal's width")
        }
    }

    func testCitationsTab() {
        var state = Scenes.empty()
        let id = Scenes.sending("What does the handbook say?", into: &state)
        let citation = Citation(position: 1, title: "Employee handbook.pdf", source: "HR knowledge base",
                                content: "Employees may work remotely up to three days a week with their manager's approval.",
                                score: 0.8731)
        _ = reduce(&state, .event(.runRecords(runID: id, [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: Array("event: message_end\n\n".utf8),
                      eventName: "message_end", events: [.citations([citation]), .finished(reason: nil)]),
        ])))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.selectTab(.citations)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "citations")
        XCTAssertTrue(grid.text.contains("score 0.87"))
    }
}

extension String {
    /// The column of the first occurrence of a string, counted in display width.
    func distance(of needle: String) -> Int {
        guard let range = range(of: needle) else { return 0 }
        return DisplayWidth.of(self[..<range.lowerBound])
    }
}
