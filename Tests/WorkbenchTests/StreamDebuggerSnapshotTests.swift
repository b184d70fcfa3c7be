import ChatModel
import TerminalUI
import Workbench
import XCTest

/// The Lint tab on a stream that bends several rules, and the compare view on two replies, as screens.
final class StreamDebuggerSnapshotTests: XCTestCase {
    func testLintTabListsFindingsWorstFirstWithTheSelectedOneWhole() {
        let size = Size(columns: 160, rows: 36)
        var state = DebuggerScenes.quirkyReply(size: size)
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("6")))
        _ = reduce(&state, .key(.down))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "lint-tab")
        let text = grid.text
        XCTAssertTrue(text.contains("Lint \(state.inspector.lint.findings.count)"), "the tab's title counts the findings")
        XCTAssertTrue(text.contains("worst first"))
        XCTAssertTrue(text.contains("✖ json-invalid"), "an error row with its mark and rule id")
        XCTAssertTrue(text.contains("#4 @207"), "the record and byte offset")
        XCTAssertTrue(text.contains("Enter shows record #"), "the selected finding says where Enter goes")
    }

    func testLintTabWithoutFindingsSaysSo() {
        let size = Size(columns: 160, rows: 36)
        var state = Scenes.finishedDemo(size: size)
        _ = reduce(&state, .intent(.focus(.inspector)))
        DebuggerScenes.answer(&state, reduce(&state, .intent(.selectTab(.lint))))
        state.inspector.lint = LintState()
        DebuggerScenes.answer(&state, reduce(&state, .intent(.selectTab(.lint))))
        let text = Screen.render(state, size: size).text
        XCTAssertTrue(text.contains("Lint"), text)
    }

    private func comparing(size: Size) -> AppState {
        var state = AgentScenes.twoTurns(size: size)
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("M")))
        _ = reduce(&state, .key(.character("]")))
        _ = reduce(&state, .key(.character("]")))
        DebuggerScenes.answerCompare(&state, reduce(&state, .key(.character("M"))))
        return state
    }

    func testCompareViewSetsTheFiguresSideBySideAndDiffsTheTexts() {
        let size = Size(columns: 120, rows: 40)
        let state = comparing(size: size)
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "compare-view")
        assertStyledSnapshot(grid, named: "compare-view")
        let text = grid.text
        for name in ["first byte", "first token", "duration", "completion tokens", "price", "events", "keep-alives",
                     "largest gap", "ended", "steps"] {
            XCTAssertTrue(text.contains(name), "\(name) in the view")
        }
        XCTAssertTrue(text.contains("A: reply 1/2"), "A is the reply marked first")
        XCTAssertTrue(text.contains("B: reply 2/2"))
        XCTAssertTrue(text.contains("1. Current Time (current_time) (agent_thought, completed)"), "A's steps")
        XCTAssertTrue(text.contains("[-removed-] ·"), "the diff's summary")
        XCTAssertTrue(text.contains("Esc closes"))
    }
}
