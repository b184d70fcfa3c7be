import ChatModel
import TerminalUI
import XCTest

@testable import Workbench

/// Scroll lock: when the user has scrolled back, streamed text never moves what they are reading; a marker says
/// that new text arrived, and End returns to following the tail.
final class ScrollLockTests: XCTestCase {
    private func paragraphs(_ range: Range<Int>) -> [String] {
        range.map { "Paragraph \($0) says something about streaming, **bold** here and `code` there.\n\n" }
    }

    /// The transcript's text rows as the user sees them.
    private func transcriptRows(_ state: AppState) -> [String] {
        let grid = Screen.render(state, size: state.size)
        let body = state.layout.transcriptBody
        return (body.y..<body.y + body.height).map { String(Array(grid.line($0)).dropFirst(body.x).prefix(body.width)) }
    }

    private func streamingState() -> (AppState, String) {
        var state = Scenes.empty()
        let id = Scenes.sending("Tell me a lot", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(paragraphs(0..<30)))))
        _ = reduce(&state, .intent(.focus(.transcript)))
        return (state, id)
    }

    func testStreamedTextDoesNotMoveWhatTheUserReads() {
        var (state, id) = streamingState()
        for _ in 0..<7 { _ = reduce(&state, .key(.up)) }
        XCTAssertEqual(state.transcript.scrollBack, 7)
        let reading = transcriptRows(state)
        XCTAssertFalse(state.transcript.newTextBelow)
        for n in 30..<40 {
            _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["Paragraph \(n) starts ", "and ends.\n\n"], offset: n * 1000))))
            XCTAssertEqual(transcriptRows(state), reading, "what the user reads stays put after paragraph \(n)")
        }
        XCTAssertTrue(state.transcript.newTextBelow)
        let grid = Screen.render(state, size: state.size)
        assertSnapshot(grid, named: "scroll-locked")
        XCTAssertTrue(grid.text.contains("↓ new text below · End follows"))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        XCTAssertEqual(transcriptRows(state), reading, "the end of the run does not move it either")

        _ = reduce(&state, .key(.end))
        XCTAssertEqual(state.transcript.scrollBack, 0)
        XCTAssertFalse(state.transcript.newTextBelow)
        let rows = transcriptRows(state)
        XCTAssertTrue(rows.contains { $0.contains("Paragraph 39 starts and ends.") }, "End shows the newest text")
        XCTAssertFalse(Screen.render(state, size: state.size).text.contains("new text below"))
    }

    func testFollowingTheTailShowsNewTextAsItArrives() {
        var (state, id) = streamingState()
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["The newest words."], offset: 90_000))))
        XCTAssertEqual(state.transcript.scrollBack, 0)
        XCTAssertFalse(state.transcript.newTextBelow)
        XCTAssertTrue(transcriptRows(state).contains { $0.contains("The newest words.") })
    }

    func testEndFollowsTheTailFromTheInspector() {
        var (state, id) = streamingState()
        _ = reduce(&state, .key(.pageUp))
        XCTAssertGreaterThan(state.transcript.scrollBack, 0)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["More.\n\n"], offset: 90_000))))
        XCTAssertTrue(state.transcript.newTextBelow)
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.end))
        XCTAssertEqual(state.transcript.scrollBack, 0)
        XCTAssertFalse(state.transcript.newTextBelow)
    }

    func testScrollingBackToTheNewestLineFollowsAgain() {
        var (state, id) = streamingState()
        _ = reduce(&state, .key(.up))
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["More text.\n\n"], offset: 90_000))))
        XCTAssertGreaterThan(state.transcript.scrollBack, 1, "the new lines were added to the scroll")
        _ = reduce(&state, .key(.pageDown))
        XCTAssertEqual(state.transcript.scrollBack, 0)
        XCTAssertFalse(state.transcript.newTextBelow)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["Tail."], offset: 95_000))))
        XCTAssertEqual(state.transcript.scrollBack, 0, "following again")
    }
}
