import Foundation
import ChatModel
import TerminalUI
@testable import Workbench
import XCTest

/// Clicks and the wheel as a user makes them: at the cell where the screen shows a thing, found in the
/// rendered grid, so the hit-test is checked against what is drawn.
final class MouseReducerTests: XCTestCase {
    func testAClickOnAConversationFocusesTheListAndOpensIt() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.control("n")))
        XCTAssertEqual(state.current.conversation.title, "New conversation")
        let row = cell(of: "How do server-sent", in: Screen.render(state, size: state.size), within: 0..<24)
        _ = click(&state, row)
        XCTAssertEqual(state.focus, .conversations)
        XCTAssertEqual(state.current.conversation.title, "How do server-sent events work?")
        XCTAssertTrue(Screen.render(state, size: state.size).line(row.y).contains("▸"), "the clicked row is selected")
    }

    func testAClickSelectsASearchMatchInPlaceAndASecondClickOpensIt() {
        var state = AppState(endpoint: "demo", size: Size(columns: 120, rows: 24))
        let conversations = (0..<8).map {
            Conversation(id: "s\($0)", title: "Talk \($0)", provider: "openai", createdAt: Date(timeIntervalSince1970: 0))
        }
        _ = reduce(&state, .event(.conversationPage(
            first: 0, rows: conversations.map { ConversationSummary(conversation: $0) }, total: 8, generation: 0)))
        _ = reduce(&state, .intent(.startFilter))
        for character in "talk" { _ = reduce(&state, .key(.character(character))) }
        _ = reduce(&state, .event(.searchResults(query: "talk", results: conversations.map {
            SearchResult(conversation: $0, messageID: "m1", snippet: "a talk about \($0.title)", matches: [2..<6])
        })))
        for _ in 0..<6 { _ = reduce(&state, .key(.down)) }
        let grid = Screen.render(state, size: state.size)
        let match = cell(of: "Talk 3", in: grid, within: 0..<24)
        _ = click(&state, match)
        XCTAssertEqual(state.list.resultSelected, 3)
        XCTAssertTrue(Screen.render(state, size: state.size).line(match.y).contains("Talk 3"), "the matches did not move")
        let effects = click(&state, match)
        XCTAssertEqual(effects, [.loadConversation(id: "s3")], "the second click opens it")
    }

    func testAClickOnAMessageSelectsItAndTheInspectorShowsThatReply() {
        var state = AgentScenes.twoTurns()
        let grid = Screen.render(state, size: state.size)
        let message = cell(of: "It is 13:15 in Paris.", in: grid, within: 24..<80)
        _ = click(&state, message)
        XCTAssertEqual(state.focus, .transcript)
        XCTAssertEqual(state.inspectedReply?.text, "It is 13:15 in Paris.")
        let after = Screen.render(state, size: state.size).text
        XCTAssertTrue(after.contains("reply 1/2"), after)
        XCTAssertTrue(after.contains("Current Time (current_time"), "the Steps tab shows the first reply's tool call")

        _ = click(&state, message)
        XCTAssertEqual(state.transcript.unfolded, [state.inspectedReply!.id], "a second click unfolds the reply, as Enter does")

        _ = click(&state, cell(of: "What time is it in Paris?", in: Screen.render(state, size: state.size), within: 24..<80, below: 1))
        XCTAssertEqual(state.inspectedReply?.text, "It is 13:15 in Paris.", "a prompt shows the reply to it")
    }

    func testAClickOnAnInspectorTabSelectsIt() {
        var state = Scenes.finishedDemo()
        _ = click(&state, cell(of: "4 Raw", in: Screen.render(state, size: state.size), within: 80..<120))
        XCTAssertEqual(state.focus, .inspector)
        XCTAssertEqual(state.inspector.tab, .raw)
        _ = click(&state, cell(of: "3 Usa", in: Screen.render(state, size: state.size), within: 80..<120))
        XCTAssertEqual(state.inspector.tab, .usage)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("Total tokens"))
    }

    func testAClickSelectsARawRecordAndASecondClickOpensIt() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.selectTab(.raw)))
        let row = cell(of: "keep one HTTP", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = click(&state, row)
        XCTAssertEqual(state.selectedRecordIndex, 1)
        XCTAssertFalse(state.inspector.rawExpanded)
        _ = click(&state, row)
        XCTAssertTrue(state.inspector.rawExpanded)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("record 2/8"))
    }

    func testRowsStayUnderThePointerInALongRawList() {
        var state = Scenes.empty()
        let id = Scenes.sending("Count to sixty", size: state.size, into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords((0..<60).map { "w\($0) " }))))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.selectTab(.raw)))
        let row = cell(of: "“w40 ”", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = click(&state, row)
        XCTAssertEqual(state.selectedRecordIndex, 40)
        let after = Screen.render(state, size: state.size)
        XCTAssertTrue(after.line(row.y).contains("▸") && after.line(row.y).contains("“w40 ”"), "the row did not move:\n\(after.text)")
        _ = click(&state, row)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("record 41/60"), "the second click opens the same record")

        _ = reduce(&state, .intent(.toggleRawExpanded))
        let wheel = cell(of: "“w35 ”", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelUp, column: wheel.x, row: wheel.y))))
        XCTAssertEqual(state.selectedRecordIndex, 39)
        XCTAssertTrue(Screen.render(state, size: state.size).line(wheel.y).contains("“w35 ”"), "the wheel moves the selection, not the rows")
    }

    func testAClickSelectsAStepAndASecondClickOpensIt() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.selectMessage(-2)))
        let row = cell(of: "0.810s Current Time", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = click(&state, row)
        XCTAssertEqual(state.inspector.stepSelection, 0)
        _ = click(&state, row)
        XCTAssertTrue(state.inspector.stepExpanded)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("13:15"))
    }

    func testAClickOnTheComposerFocusesIt() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.tab))
        XCTAssertEqual(state.focus, .conversations)
        _ = click(&state, cell(of: "Tab to the composer", in: Screen.render(state, size: state.size), within: 0..<120))
        XCTAssertEqual(state.focus, .composer)
    }

    func testTheWheelScrollsThePaneUnderThePointerAndLeavesTheFocus() {
        var state = Scenes.empty(size: Size(columns: 120, rows: 20))
        for n in 0..<6 {
            let id = Scenes.sending("question \(n)", size: state.size, into: &state)
            _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["answer \(n)", " done"]))))
            _ = reduce(&state, .event(.runEnded(runID: id)))
        }
        let transcript = cell(of: "answer 5", in: Screen.render(state, size: state.size), within: 24..<80)
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelUp, column: transcript.x, row: transcript.y))))
        XCTAssertEqual(state.transcript.scrollBack, AppState.wheelLines)
        XCTAssertEqual(state.focus, .composer, "the wheel does not move the focus")
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelDown, column: transcript.x, row: transcript.y))))
        XCTAssertEqual(state.transcript.scrollBack, 0)

        _ = reduce(&state, .intent(.selectTab(.raw)))
        let raw = cell(of: "answer 5", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelUp, column: raw.x, row: raw.y))))
        XCTAssertEqual(state.selectedRecordIndex, 0, "a notch moves the record selection by one, from the newest")
    }

    func testTheWheelOverTheListMovesItsSelection() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.control("n")))
        let list = cell(of: "New conversation", in: Screen.render(state, size: state.size), within: 0..<24)
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelDown, column: list.x, row: list.y))))
        XCTAssertEqual(state.list.selected, 1)
        XCTAssertEqual(state.current.conversation.title, "How do server-sent events work?")
    }

    func testTheNarrowTabBarSwitchesPanesOnAClick() {
        var state = Scenes.finishedDemo(size: Size(columns: 60, rows: 20))
        let grid = Screen.render(state, size: state.size)
        XCTAssertFalse(grid.text.contains("Usage"), "the inspector is a tab, not shown")
        _ = click(&state, cell(of: "Inspector", in: grid, within: 0..<60))
        XCTAssertEqual(state.focus, .inspector)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("1 Ste"))
        _ = click(&state, cell(of: "Conversations", in: Screen.render(state, size: state.size), within: 0..<60))
        XCTAssertEqual(state.focus, .conversations)
    }

    func testClicksDoNothingWhileAQuestionOrTheHelpIsOpen() {
        var state = Scenes.finishedDemo()
        let tab = cell(of: "4 Raw", in: Screen.render(state, size: state.size), within: 80..<120)
        _ = reduce(&state, .key(.function(1)))
        _ = click(&state, tab)
        XCTAssertEqual(state.inspector.tab, .steps)
        XCTAssertTrue(state.showHelp)
    }

    func testTheHelpListsTheMouseOnlyWhenItIsOn() {
        var state = Scenes.empty()
        _ = reduce(&state, .key(.function(1)))
        let lines = { (state: AppState) in Screen.render(state, size: state.size).text.split(separator: "\n") }
        XCTAssertFalse(lines(state).contains { $0.contains(" click      Focus and") || $0.contains(" wheel      Scroll the") })
        state.mouseEnabled = true
        XCTAssertTrue(lines(state).contains { $0.contains(" click      Focus and") }, lines(state).joined(separator: "\n"))
        XCTAssertTrue(lines(state).contains { $0.contains(" wheel      Scroll the") })
    }

    // MARK: - Helpers

    private func click(_ state: inout AppState, _ cell: (x: Int, y: Int)) -> [Effect] {
        reduce(&state, .key(.mouse(MouseEvent(.press, column: cell.x, row: cell.y))))
    }

    /// The first cell, top to bottom, where `text` starts within the columns `columns` (from row `below` on).
    private func cell(
        of text: String, in grid: Grid, within columns: Range<Int>, below: Int = 0, file: StaticString = #filePath, line: UInt = #line
    ) -> (x: Int, y: Int) {
        for row in below..<grid.size.rows {
            let shown = grid.line(row)
            var search = shown.startIndex
            while let range = shown.range(of: text, range: search..<shown.endIndex) {
                let x = DisplayWidth.of(shown[..<range.lowerBound])
                if columns.contains(x) { return (x, row) }
                search = range.upperBound
            }
        }
        XCTFail("\(text) is not on the screen:\n\(grid.text)", file: file, line: line)
        return (0, 0)
    }
}
