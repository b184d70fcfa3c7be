import TerminalUI
import XCTest

/// The multi-line editor: lines wrap at the width without splitting a wide character, and the rows shown follow
/// the cursor.
final class TextAreaTests: XCTestCase {
    func testLinesWrapWithoutSplittingWideCharactersAndTheRowsFollowTheCursor() {
        var field = TextField("東京東京東\nab")
        let atEnd = TextAreaView(field: field, width: 7)
        XCTAssertEqual(atEnd.rows, [0..<3, 3..<5, 6..<8], "three wide characters fit in six usable cells, then the rest")
        var grid = Grid(size: Size(columns: 7, rows: 2))
        var cursor = atEnd.draw(into: &grid, Rect(x: 0, y: 0, width: 7, height: 2), style: .plain, placeholderStyle: .plain)
        XCTAssertEqual([grid.line(0), grid.line(1)], ["京東   ", "ab     "], "the last rows, which hold the cursor")
        XCTAssertEqual(cursor.x, 2)
        XCTAssertEqual(cursor.y, 1)
        XCTAssertEqual(atEnd.hiddenRows(height: 2).above, 1)

        field.moveUp()
        field.moveLineStart()
        let atStart = TextAreaView(field: field, width: 7)
        cursor = atStart.draw(into: &grid, Rect(x: 0, y: 0, width: 7, height: 2), style: .plain, placeholderStyle: .plain)
        XCTAssertEqual([grid.line(0), grid.line(1)], ["東京東 ", "京東   "], "the cursor's row at the top")
        XCTAssertEqual(cursor.x, 0)
        XCTAssertEqual(cursor.y, 0)
        XCTAssertEqual(atStart.hiddenRows(height: 2).below, 1, "the second line is out of sight below")
    }

    func testControlCharactersAreShownNotWritten() {
        let area = TextAreaView(field: TextField("a\u{1B}[2Jb"), width: 10)
        var grid = Grid(size: Size(columns: 10, rows: 1))
        area.draw(into: &grid, Rect(x: 0, y: 0, width: 10, height: 1), style: .plain, placeholderStyle: .plain)
        XCTAssertEqual(grid.line(0), "a␛[2Jb    ")
    }
}
