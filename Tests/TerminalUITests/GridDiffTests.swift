import TerminalUI
import XCTest

/// What the renderer writes between two frames: nothing for the same frame, one cell for one change, wide
/// clusters once, restyled cells, and the whole screen after a resize.
final class GridDiffTests: XCTestCase {
    private let size = Size(columns: 12, rows: 3)
    private let red = Style(foreground: .red)

    private func frame(_ rows: [String], style: Style = .plain) -> Grid {
        var grid = Grid(size: size)
        for (y, row) in rows.enumerated() { grid.write(row, x: 0, y: y, style: style) }
        return grid
    }

    /// The writes as `x,y:text` strings, in order.
    private func writes(_ diff: GridDiff) -> [String] {
        diff.writes.map { "\($0.x),\($0.y):\($0.cell.text)" }
    }

    func testTheSameFrameWritesNothing() {
        let diff = GridDiff(from: frame(["Hello", "世界 ok"]), to: frame(["Hello", "世界 ok"]))
        XCTAssertFalse(diff.redrawsAll)
        XCTAssertEqual(diff.writes, [])
    }

    func testOneChangedCellWritesOneCell() {
        let diff = GridDiff(from: frame(["Hello"]), to: frame(["Hallo"]))
        XCTAssertFalse(diff.redrawsAll)
        XCTAssertEqual(writes(diff), ["1,0:a"])
    }

    func testAWideClusterIsWrittenOnceAndItsContinuationNever() {
        let appeared = GridDiff(from: frame(["ab c"]), to: frame(["世 c"]))
        XCTAssertEqual(writes(appeared), ["0,0:世"], "the cluster covers columns 0 and 1")

        let replaced = GridDiff(from: frame(["世 c"]), to: frame(["ab c"]))
        XCTAssertEqual(writes(replaced), ["0,0:a", "1,0:b"], "both halves of the old cluster are written over")

        let shifted = GridDiff(from: frame(["a世"]), to: frame(["世b"]))
        XCTAssertEqual(writes(shifted), ["0,0:世", "2,0:b"])
    }

    func testAStyleOnlyChangeWritesTheRestyledCells() {
        var selected = frame(["Hello", "World"])
        selected.restyle(Rect(x: 0, y: 1, width: 3, height: 1)) { _ in self.red }
        let diff = GridDiff(from: frame(["Hello", "World"]), to: selected)
        XCTAssertEqual(writes(diff), ["0,1:W", "1,1:o", "2,1:r"])
        XCTAssertTrue(diff.writes.allSatisfy { $0.cell.style == red })
    }

    func testTheFirstFrameAndAResizeRedrawEveryCell() {
        let first = GridDiff(from: nil, to: frame(["Hi"]))
        XCTAssertTrue(first.redrawsAll)
        XCTAssertEqual(first.writes.count, size.columns * size.rows)

        var wider = Grid(size: Size(columns: 14, rows: 3))
        wider.write("Hi 世", x: 0, y: 0, style: .plain)
        let resized = GridDiff(from: frame(["Hi"]), to: wider)
        XCTAssertTrue(resized.redrawsAll, "the old frame's cells say nothing about the new size")
        XCTAssertEqual(resized.writes.count, 14 * 3 - 1, "every cell but the wide cluster's continuation")
        XCTAssertEqual(resized.writes.first { $0.x == 3 && $0.y == 0 }?.cell.text, "世")
    }
}
