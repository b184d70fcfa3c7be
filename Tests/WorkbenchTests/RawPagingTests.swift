import ChatModel
import TerminalUI
import Workbench
import XCTest

/// A long reply keeps only its newest records in memory; the Raw tab reads older ones back from the store.
final class RawPagingTests: XCTestCase {
    private func streamedLongReply(records count: Int, window: Int) -> (AppState, [RawRecord]) {
        var state = AppState(endpoint: Scenes.endpoint, recordWindow: window)
        let id = Scenes.sending("long", into: &state)
        _ = reduce(&state, .event(.runStored(runID: id, storeRunID: "run-7")))
        let records = Scenes.textRecords((0..<count).map { "w\($0) " })
        for batch in stride(from: 0, to: count, by: 7) {
            _ = reduce(&state, .event(.runRecords(runID: id, Array(records[batch..<min(count, batch + 7)]))))
        }
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.selectTab(.raw)))
        _ = reduce(&state, .intent(.focus(.inspector)))
        return (state, records)
    }

    func testOnlyTheNewestRecordsStayInMemoryButAllAreCounted() {
        let (state, _) = streamedLongReply(records: 500, window: 40)
        let log = state.inspectedLog!
        XCTAssertEqual(log.recordCount, 500)
        XCTAssertLessThanOrEqual(log.records.count, 80)
        XCTAssertEqual(log.reply.text.count, state.current.messages.last!.text.count)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("500 records"))
    }

    func testSelectingAnOlderRecordAsksForItsPageAndShowsItWhenItArrives() {
        var (state, records) = streamedLongReply(records: 500, window: 40)
        var effects: [Effect] = []
        effects = reduce(&state, .intent(.moveSelection(-480)))
        XCTAssertEqual(state.selectedRecordIndex, 19)
        guard case .loadRecords(let runID, let range)? = effects.first else { return XCTFail("no page asked for: \(effects)") }
        XCTAssertEqual(runID, "run-7", "the page comes from the stored run, not the screen's turn")
        XCTAssertTrue(range.contains(19))
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("#20 reading from the store…"))

        _ = reduce(&state, .event(.recordsLoaded(runID: runID, first: range.lowerBound, records: Array(records[range]))))
        XCTAssertEqual(state.inspectedRecord(at: 19), records[19])
        _ = reduce(&state, .intent(.toggleRawExpanded))
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("record 20/500"))
        XCTAssertEqual(reduce(&state, .intent(.moveSelection(1))), [], "a record already at hand needs no read")
    }
}
