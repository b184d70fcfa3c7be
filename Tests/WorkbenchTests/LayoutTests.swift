import ChatModel
import TerminalUI
@testable import Workbench
import XCTest

/// Zoom, pane widths, the hidden inspector and the narrow screen's tabs, through keys as the user presses them.
final class LayoutTests: XCTestCase {
    func testZoomGivesTheFocusedPaneTheScreenAndFollowsTheFocus() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character("z")))
        var layout = state.layout
        XCTAssertEqual(layout.conversations, Rect(x: 0, y: 0, width: 120, height: 35), "the list has all but the status bar")
        XCTAssertNil(layout.transcript)
        XCTAssertNil(layout.inspector)
        XCTAssertNil(layout.composer)
        XCTAssertTrue(Screen.render(state, size: state.size).line(35).contains("zoom ·"), "the status bar says so")

        _ = reduce(&state, .key(.tab))
        layout = state.layout
        XCTAssertEqual(layout.transcript?.width, 120, "Tab shows the next pane, zoomed")
        XCTAssertNotNil(layout.composer, "the transcript keeps the composer below it")
        XCTAssertNil(layout.conversations)

        _ = reduce(&state, .key(.character("z")))
        XCTAssertEqual(state.layout.arrangement, .columns)
        XCTAssertNotNil(state.layout.conversations)
        XCTAssertNotNil(state.layout.inspector)
    }

    func testWidthKeysMoveTheFocusedPanesEdgeWithinBounds() {
        var state = Scenes.finishedDemo()
        let start = state.layout
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character(">")))
        XCTAssertEqual(state.layout.conversations!.width, start.conversations!.width + LayoutState.widthStep)
        for _ in 0..<60 { _ = reduce(&state, .key(.character(">"))) }
        XCTAssertEqual(state.layout.conversations!.width, 60, "the list stops at half the screen")
        XCTAssertEqual(state.notice, "The conversation list is as wide as it can be at this width.")
        XCTAssertGreaterThanOrEqual(state.layout.transcript!.width, LayoutState.minimumTranscript)

        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.tab))
        for _ in 0..<60 { _ = reduce(&state, .key(.character(">"))) }
        XCTAssertEqual(state.layout.transcript!.width, LayoutState.minimumTranscript, "the transcript keeps its minimum")
        for _ in 0..<60 { _ = reduce(&state, .key(.character("<"))) }
        XCTAssertEqual(state.layout.inspector!.width, LayoutState.minimumInspector)

        _ = reduce(&state, .event(.resized(Size(columns: 200, rows: 36))))
        XCTAssertEqual(state.layout.inspector!.width, LayoutState.minimumInspector, "the chosen width stays for the session")
        XCTAssertEqual(state.layout.conversations!.width, 60)
        _ = reduce(&state, .event(.resized(Size(columns: 100, rows: 36))))
        XCTAssertGreaterThanOrEqual(state.layout.transcript!.width, LayoutState.minimumTranscript, "a smaller screen keeps the bounds")
        XCTAssertEqual(state.layout.conversations!.width + state.layout.transcript!.width + state.layout.inspector!.width, 100)
    }

    func testTheTranscriptWidensAtTheInspectorsCost() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.backTab))
        XCTAssertEqual(state.focus, .inspector)
        _ = reduce(&state, .key(.backTab))
        let before = state.layout
        _ = reduce(&state, .key(.character(">")))
        XCTAssertEqual(state.layout.transcript!.width, before.transcript!.width + LayoutState.widthStep)
        XCTAssertEqual(state.layout.inspector!.width, before.inspector!.width - LayoutState.widthStep)
        XCTAssertEqual(state.layout.conversations, before.conversations)
    }

    func testWidthKeysSayWhyTheyCannotActWhenPanesAreTabsOrZoomed() {
        var state = Scenes.finishedDemo(size: Size(columns: 90, rows: 30))
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character(">")))
        XCTAssertEqual(state.notice, "Below 100 columns the panes are tabs, each as wide as the screen.")
        _ = reduce(&state, .event(.resized(Size(columns: 120, rows: 30))))
        _ = reduce(&state, .key(.character("z")))
        _ = reduce(&state, .key(.character("<")))
        XCTAssertEqual(state.notice, "A zoomed pane has the whole width; z shows all panes again.")
    }

    func testAHiddenInspectorGivesItsRoomToTheTranscriptAndTabPassesIt() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.backTab))
        XCTAssertEqual(state.focus, .inspector)
        _ = reduce(&state, .key(.character("i")))
        XCTAssertNil(state.layout.inspector)
        XCTAssertEqual(state.focus, .transcript, "the focus leaves the hidden pane")
        XCTAssertEqual(state.layout.conversations!.width + state.layout.transcript!.width, 120)
        var visited: [Pane] = []
        for _ in 0..<4 {
            _ = reduce(&state, .key(.tab))
            visited.append(state.focus)
        }
        XCTAssertEqual(visited, [.composer, .conversations, .transcript, .composer])
        _ = reduce(&state, .key(.backTab))
        _ = reduce(&state, .key(.backTab))
        XCTAssertEqual(state.focus, .conversations, "Shift-Tab passes it too")
        _ = reduce(&state, .key(.character("i")))
        XCTAssertNotNil(state.layout.inspector)
    }

    func testBelowAHundredColumnsOnePaneShowsUnderATabBar() {
        var state = Scenes.finishedDemo(size: Size(columns: 99, rows: 30))
        XCTAssertEqual(state.layout.arrangement, .tabs)
        var grid = Screen.render(state, size: state.size)
        XCTAssertTrue(grid.line(0).contains("Conversations") && grid.line(0).contains("Transcript") && grid.line(0).contains("Inspector"))
        XCTAssertTrue(grid.text.contains("Server-sent events"), "while writing, the transcript shows")
        _ = reduce(&state, .key(.tab))
        grid = Screen.render(state, size: state.size)
        XCTAssertTrue(grid.line(1).contains("[ Conversations ]"), grid.text)
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.tab))
        grid = Screen.render(state, size: state.size)
        XCTAssertTrue(grid.line(1).contains("[ Inspector ]"), grid.text)
        _ = reduce(&state, .key(.character("i")))
        grid = Screen.render(state, size: state.size)
        XCTAssertFalse(grid.line(0).contains("Inspector"), "a hidden inspector leaves the tab bar")
        _ = reduce(&state, .event(.resized(Size(columns: 100, rows: 30))))
        XCTAssertEqual(state.layout.arrangement, .columns)
    }

    /// Every size from the smallest the screen draws to a wide one, in every arrangement and focus: panes stay
    /// on the screen and never overlap.
    func testEveryArrangementFitsEverySize() {
        var base = Scenes.finishedDemo()
        base.panes.listWidth = 70
        base.panes.inspectorWidth = 90
        for columns in stride(from: 20, through: 160, by: 7) {
            for rows in [8, 12, 20, 41] {
                for focus in Pane.allCases {
                    for (zoomed, hidden) in [(false, false), (true, false), (false, true), (true, true)] {
                        var state = base
                        state.focus = focus
                        state.panes.zoomed = zoomed
                        state.panes.inspectorHidden = hidden
                        _ = reduce(&state, .event(.resized(Size(columns: columns, rows: rows))))
                        let layout = state.layout
                        let rects = [layout.conversations, layout.transcript, layout.inspector, layout.composer, layout.paneTabs, layout.status]
                            .compactMap { $0 }
                        let context = "\(columns)x\(rows) \(focus) zoomed \(zoomed) hidden \(hidden)"
                        for (i, rect) in rects.enumerated() {
                            XCTAssertTrue(rect.x >= 0 && rect.maxX <= columns && rect.y >= 0 && rect.maxY <= rows, context)
                            for other in rects[(i + 1)...] {
                                let apart = rect.maxX <= other.x || other.maxX <= rect.x || rect.maxY <= other.y || other.maxY <= rect.y
                                XCTAssertTrue(apart, "\(rect) overlaps \(other) at \(context)")
                            }
                        }
                        XCTAssertEqual(layout.transcript == nil && layout.conversations == nil && layout.inspector == nil, false, context)
                        _ = Screen.render(state, size: state.size)
                    }
                }
            }
        }
    }
}

/// Screens of the layout: zoom, a hidden inspector, and the narrowest screen's tabs.
final class LayoutSnapshotTests: XCTestCase {
    func testZoomedInspector() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.backTab))
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.character("z")))
        assertSnapshot(Screen.render(state, size: state.size), named: "zoom-inspector-raw")
    }

    func testHiddenInspector() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character("i")))
        assertSnapshot(Screen.render(state, size: state.size), named: "inspector-hidden")
    }

    func testNarrowestScreenShowsTheInspectorAsATab() {
        let size = Size(columns: 40, rows: 12)
        var state = Scenes.finishedDemo(size: size)
        _ = reduce(&state, .key(.backTab))
        assertSnapshot(Screen.render(state, size: size), named: "narrow-tabs-40x12")
    }
}
