import TerminalUI
import XCTest

/// A click finds the tab drawn under it, also when titles are abbreviated to fit.
final class TabBarTests: XCTestCase {
    private func drawn(_ bar: TabBar, width: Int) -> String {
        var grid = Grid(size: Size(columns: width, rows: 1))
        bar.draw(into: &grid, Rect(x: 0, y: 0, width: width, height: 1), theme: .standard)
        return grid.line(0)
    }

    func testEachColumnOfATabsTextFindsThatTab() {
        for width in [20, 30, 45, 80] {
            let bar = TabBar(titles: ["Steps", "Citations", "Usage", "Raw", "Request"], active: 2)
            let line = Array(drawn(bar, width: width))
            for (i, label) in ["1 ", "2 ", "3 ", "4 ", "5 "].enumerated() {
                guard let x = (0..<(line.count - 1)).first(where: { String(line[$0...($0 + 1)]) == label }) else { continue }
                XCTAssertEqual(bar.tab(at: x, width: width), i, "\(label) at \(x) in “\(String(line))”")
            }
        }
    }

    func testUnnumberedTabsAndTheGapsBetweenThem() {
        let bar = TabBar(titles: ["Conversations", "Transcript", "Inspector"], active: 1, numbered: false)
        let line = drawn(bar, width: 40)
        XCTAssertEqual(line.trimmingCharacters(in: .whitespaces), "Conversations Transcript Inspector", "the active tab is padded, the others packed")
        XCTAssertEqual(bar.tab(at: 0, width: 40), 0)
        XCTAssertEqual(bar.tab(at: line.distance(from: line.startIndex, to: line.range(of: "Transcript")!.lowerBound), width: 40), 1)
        XCTAssertEqual(bar.tab(at: line.distance(from: line.startIndex, to: line.range(of: "Inspector")!.lowerBound), width: 40), 2)
        XCTAssertNil(bar.tab(at: 39, width: 40), "past the last tab")
    }
}
