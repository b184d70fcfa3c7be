import TerminalUI
import XCTest

/// Writing into the cell grid, layout splits and the single-line editor.
final class GridTests: XCTestCase {
    func testWriteClipsAtTheLimitAndKeepsWideCellsWhole() {
        var grid = Grid(size: Size(columns: 6, rows: 1))
        let end = grid.write("ab東京x", x: 0, y: 0, maxX: 5, style: .plain)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(grid.line(0), "ab東  ", "the second wide character does not fit in one column and is blanked")
        XCTAssertTrue(grid[3, 0].isContinuation)
        XCTAssertEqual(DisplayWidth.of(grid.line(0)), 6)
    }

    func testCombiningMarkJoinsThePreviousCell() {
        var grid = Grid(size: Size(columns: 4, rows: 1))
        grid.write("e\u{301}x", x: 0, y: 0, style: .plain)
        XCTAssertEqual(grid[0, 0].text, "e\u{301}")
        XCTAssertEqual(grid[1, 0].text, "x")
    }

    func testLayoutSplitsAddUpAndRespectFixedParts() {
        let parts = Layout.columns(Rect(x: 0, y: 0, width: 120, height: 10), [.fixed(24), .fill, .percent(34)])
        XCTAssertEqual(parts.map(\.width), [24, 56, 40])
        XCTAssertEqual(parts.map(\.x), [0, 24, 80])
        let tiny = Layout.rows(Rect(x: 0, y: 0, width: 5, height: 3), [.fixed(2), .fixed(5), .fill])
        XCTAssertEqual(tiny.map(\.height), [2, 1, 0], "never more than the space there is")
    }

    func testTextFieldEditsWholeClusters() {
        var field = TextField("héllo 👋🏽")
        field.backspace()
        XCTAssertEqual(field.text, "héllo ", "a skin-toned emoji goes at once")
        field.moveHome()
        field.moveRight()
        field.deleteForward()
        XCTAssertEqual(field.text, "hllo ")
        field.insert("e")
        XCTAssertEqual(field.text, "hello ")
        field.moveEnd()
        field.insert("big world")
        field.deleteWordBackward()
        XCTAssertEqual(field.text, "hello big ")
        field.moveLeft()
        field.deleteToStart()
        XCTAssertEqual(field.text, " ")
        XCTAssertEqual(field.cursor, 0)
    }

    func testInputScrollsSidewaysToKeepTheCursorVisible() {
        var grid = Grid(size: Size(columns: 10, rows: 1))
        let field = TextField("0123456789abcdef")
        let x = TextInputView(field: field).draw(into: &grid, grid.bounds, style: .plain, placeholderStyle: .plain)
        XCTAssertEqual(x, 9)
        XCTAssertEqual(grid.line(0), "789abcdef ")
    }
}
