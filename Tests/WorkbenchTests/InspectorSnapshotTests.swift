import ChatModel
import TerminalUI
import Workbench
import XCTest

/// The inspector on a selected earlier reply: its steps, the Raw filter and record detail, and the Request tab.
final class InspectorSnapshotTests: XCTestCase {
    private let size = Size(columns: 120, rows: 36)

    /// Two `[` from the newest: the second prompt (whose reply is the newest), then the first reply.
    private func firstReplySelected() -> AppState {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .intent(.focus(.inspector)))
        return state
    }

    func testSelectedEarlierReplyShowsItsSteps() {
        let state = firstReplySelected()
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "selected-reply-steps")
        XCTAssertTrue(grid.text.contains("reply 1/2"), "the inspector says which reply it shows")
        XCTAssertTrue(grid.text.contains("Current Time (current_time)"))
        XCTAssertTrue(grid.text.contains("0.810s"), "the step's duration from its first to its last record")
    }

    func testOpenStepShowsInputAndOutputPrettyPrinted() {
        var state = firstReplySelected()
        _ = reduce(&state, .key(.enter))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "selected-reply-step-open")
        XCTAssertTrue(grid.text.contains(#""timezone" : "Europe/Paris""#))
        XCTAssertTrue(grid.text.contains(#""dst" : false"#))
        XCTAssertTrue(grid.text.contains("records (◆ in Raw): #1, #2"))
    }

    func testRawMarksTheRecordsOfTheSelectedStep() {
        var state = firstReplySelected()
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.character("4")))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "raw-step-records")
        XCTAssertTrue(grid.text.contains("◆ records of step Current Time"))
        XCTAssertTrue(grid.text.contains("◆ +0.120s"), "the record that started the step")
        XCTAssertTrue(grid.text.contains("◆ +0.930s"), "the record that finished it")
        XCTAssertTrue(grid.text.contains("  +1.520s"), "text records are not marked")
    }

    func testRawFilterKeepsMatchingRecords() {
        var state = firstReplySelected()
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.character("/")))
        for character in "agent_message" { _ = reduce(&state, .key(.character(character))) }
        _ = reduce(&state, .key(.enter))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "raw-filter")
        XCTAssertTrue(grid.text.contains("2 of 6"))
        XCTAssertTrue(grid.text.contains("@429 96B agent_message “in"))
        XCTAssertFalse(grid.text.contains("keep-alive"), "records of other types are hidden")
    }

    func testRecordDetailShowsBytesJSONAndEvents() {
        var state = firstReplySelected()
        _ = reduce(&state, .key(.character("4")))
        for _ in 0..<5 { _ = reduce(&state, .key(.up)) }
        _ = reduce(&state, .key(.enter))
        let grid = Screen.render(state, size: Size(columns: 120, rows: 60))
        assertSnapshot(grid, named: "raw-record-detail")
        XCTAssertTrue(grid.text.contains("event: agent_thought␊"))
        XCTAssertTrue(grid.text.contains(#""task_id" : "task-9f2""#), "the data line's JSON is laid out")
    }

    func testRequestTabShowsRequestRedactedAndResponse() {
        var state = firstReplySelected()
        let effects = reduce(&state, .key(.character("5")))
        XCTAssertEqual(effects, [.loadRequest(runID: AgentScenes.runOne)], "the tab asks the store for the request")
        _ = reduce(&state, .event(.requestLoaded(runID: AgentScenes.runOne, AgentScenes.request)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "request-tab")
        XCTAssertTrue(grid.text.contains("Authorization: Bearer [redacted]"))
        XCTAssertTrue(grid.text.contains(#""response_mode" : "streaming","#))
        XCTAssertTrue(grid.text.contains("response 200"))
    }

    func testUsageTabShowsSupportIDsAndArrivalChart() {
        var state = firstReplySelected()
        _ = reduce(&state, .key(.character("3")))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "usage-ids-chart")
        XCTAssertTrue(grid.text.contains("task-9f2"))
        XCTAssertTrue(grid.text.contains("conv-71"))
        XCTAssertTrue(grid.text.contains("msg-5a"))
        XCTAssertTrue(grid.text.contains("Arrivals · 0.050 s a bar"))
    }
}
