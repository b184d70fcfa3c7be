import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Scenes whose colours carry meaning, compared with their styles: a selected row stands out and keep-alive
/// records recede. (The failed reply and the help overlay are compared with styles in `ScreenSnapshotTests`.)
final class StyledSnapshotTests: XCTestCase {
    private let size = Size(columns: 120, rows: 36)
    private let theme = Theme.standard

    /// The first row whose text contains `text`, and the column where it starts.
    private func find(_ text: String, in grid: Grid) -> (x: Int, y: Int)? {
        (0..<grid.size.rows).first { grid.line($0).contains(text) }.map { (grid.line($0).distance(of: text), $0) }
    }

    func testRawTabHighlightsTheSelectedRecordAndDimsKeepAlives() throws {
        var state = Scenes.empty()
        let id = Scenes.sending("Are you still there?", into: &state)
        var records: [RawRecord] = []
        var offset = 0
        func add(_ record: RawRecord) {
            var record = record
            record.offset = offset
            offset += record.bytes.count
            records.append(record)
        }
        let ping = RawRecord(kind: .keepAlive, offset: 0, receivedAt: 0, bytes: Array("event: ping\n\n".utf8), events: [.keepAlive])
        add(Scenes.textRecords(["Still "])[0])
        add(RawRecord(kind: ping.kind, offset: 0, receivedAt: 0.2, bytes: ping.bytes, events: ping.events))
        add(Scenes.textRecords(["here."], start: 0.3)[0])
        add(RawRecord(kind: ping.kind, offset: 0, receivedAt: 0.4, bytes: ping.bytes, events: ping.events))
        add(Scenes.doneRecord(at: 0.5, offset: 0))
        _ = reduce(&state, .event(.runRecords(runID: id, records)))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        let grid = Screen.render(state, size: size)
        assertStyledSnapshot(grid, named: "raw-keepalive")

        let selected = try XCTUnwrap(find("▸+0.500s", in: grid))
        XCTAssertEqual(grid[selected.x + 2, selected.y].style, theme.style("selection"), "the selected record is highlighted")
        let keepAlive = try XCTUnwrap(find("13B keepalive event: pi", in: grid))
        XCTAssertEqual(grid[keepAlive.x + 14, keepAlive.y].style, theme.style("dim"), "keep-alive records are dimmed")
    }

    func testConversationListHighlightsTheSelectedConversation() throws {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.focus(.conversations)))
        let grid = Screen.render(state, size: size)
        assertStyledSnapshot(grid, named: "conversations-selected")
        let row = try XCTUnwrap(find("▸ How do server-sent", in: grid))
        XCTAssertEqual(grid[row.x, row.y].style, theme.style("selection"))
    }
}
