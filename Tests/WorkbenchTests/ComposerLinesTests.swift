import ChatModel
import TerminalUI
import Workbench
import XCTest

/// The composer takes text of several lines: pasted (bracketed), or with Alt-Enter and Ctrl-J; only Enter sends.
final class ComposerLinesTests: XCTestCase {
    private func press(_ keys: Key..., in state: inout AppState) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    private func type(_ text: String, in state: inout AppState) {
        for character in text { _ = reduce(&state, .key(.character(character))) }
    }

    func testAPasteOfTwoLinesIsInsertedWholeAndSentOnlyByEnter() {
        var state = Scenes.empty()
        XCTAssertEqual(press(.paste("first line\rsecond line"), in: &state), [], "a paste sends nothing")
        XCTAssertEqual(state.composer.field.text, "first line\nsecond line")
        XCTAssertTrue(state.current.messages.isEmpty, "no message was added")
        XCTAssertNil(state.activeRun)

        let effects = press(.enter, in: &state)
        guard case .startTurn(_, _, let messages)? = effects.first else { return XCTFail("Enter did not send: \(effects)") }
        XCTAssertEqual(messages.last?.content, "first line\nsecond line", "the prompt keeps its newline")
        XCTAssertEqual(state.current.messages.first?.text, "first line\nsecond line")
        XCTAssertEqual(state.current.conversation.title, "first line", "the title is the first line")
        let lines = Screen.render(state, size: state.size).text.split(separator: "\n")
        guard let first = lines.firstIndex(where: { $0.contains("│   first line") }) else { return XCTFail("not shown:\n\(lines.joined(separator: "\n"))") }
        XCTAssertTrue(lines[first + 1].contains("│   second line"), "the transcript shows the two lines:\n\(lines.joined(separator: "\n"))")
    }

    func testPastedLineEndsBecomeNewlinesAndControlsAreNeverKeys() {
        var state = Scenes.empty()
        let pasted = "a\r\nb\rc\nd\u{1B}[2J\u{07}\te\u{11}\u{03}\u{7F}\u{9B}31mf"
        XCTAssertEqual(press(.paste(pasted), in: &state), [], "Ctrl-Q and Ctrl-C inside a paste neither quit nor cancel")
        XCTAssertFalse(state.quitRequested)
        XCTAssertEqual(state.composer.field.text, "a\nb\nc\nd[2J\te31mf", "CRLF and CR become one newline; controls are dropped")
    }

    func testAltEnterAndControlJStartANewLine() {
        var state = Scenes.empty()
        type("one", in: &state)
        XCTAssertEqual(press(.altEnter, in: &state), [])
        type("two", in: &state)
        XCTAssertEqual(press(.control("j"), in: &state), [])
        type("three", in: &state)
        XCTAssertEqual(state.composer.field.text, "one\ntwo\nthree")
        guard case .startTurn(_, _, let messages)? = press(.enter, in: &state).first else { return XCTFail("Enter did not send") }
        XCTAssertEqual(messages.last?.content, "one\ntwo\nthree")
    }

    func testTheCursorMovesAcrossAndBetweenLines() {
        var state = Scenes.empty()
        _ = press(.paste("alpha\nbe\ngamma"), in: &state)
        XCTAssertEqual(state.composer.field.cursor, 14, "the cursor ends after the paste")
        _ = press(.up, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 8, "up keeps the column, or ends the shorter line")
        _ = press(.up, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 2, "the same column on the first line")
        _ = press(.up, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 2, "up on the first line stays")
        _ = press(.end, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 5, "End goes to the end of the line, not the text")
        _ = press(.right, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 6, "right crosses the newline to the next line's start")
        _ = press(.left, .left, .home, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 0)
        _ = press(.down, .down, .end, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 14)
        _ = press(.down, in: &state)
        XCTAssertEqual(state.composer.field.cursor, 14, "down on the last line stays")
        _ = press(.home, .control("u"), in: &state)
        XCTAssertEqual(state.composer.field.text, "alpha\nbe\ngamma", "Ctrl-U at a line's start deletes nothing")
        _ = press(.end, .control("u"), in: &state)
        XCTAssertEqual(state.composer.field.text, "alpha\nbe\n", "Ctrl-U deletes the line before the cursor, not the lines above")
    }

    func testAPasteElsewhereGoesToTheComposerOrToTheFilterOnOneLine() {
        var state = Scenes.empty()
        _ = press(.tab, .tab, in: &state)
        XCTAssertEqual(state.focus, .transcript)
        XCTAssertEqual(press(.paste("q\rr"), in: &state), [], "pasted q and r are text, not quit and retry")
        XCTAssertEqual(state.focus, .composer)
        XCTAssertEqual(state.composer.field.text, "q\nr")

        var filtering = Scenes.empty()
        _ = press(.tab, .character("/"), in: &filtering)
        XCTAssertTrue(filtering.list.isFiltering)
        _ = press(.paste("two\r\nwords"), in: &filtering)
        XCTAssertEqual(filtering.list.filter.text, "two words", "the filter is one line")
        XCTAssertTrue(filtering.composer.field.isEmpty)
    }

    func testTheComposerGrowsWithItsLinesThenScrollsWithTheCursor() {
        let size = Size(columns: 120, rows: 36)
        var state = Scenes.empty(size: size)
        let pageBefore = ScreenLayout(size: size, focus: state.focus).transcriptBody.height
        _ = press(.paste("Summarise this log:\nERROR disk full\nWARN retrying"), in: &state)
        let three = Screen.render(state, size: size)
        assertSnapshot(three, named: "composer-three-lines")
        XCTAssertEqual(three.cursor?.x, 3 + "WARN retrying".count, "the cursor follows the last line (after ┃› )")
        XCTAssertEqual(three.cursor?.y, size.rows - 3)

        _ = press(.paste((4...12).map { "\nline \($0)" }.joined()), in: &state)
        let scrolled = Screen.render(state, size: size)
        assertSnapshot(scrolled, named: "composer-scrolled")
        let composerRows = scrolled.text.split(separator: "\n").filter { $0.hasPrefix("┃") }.count
        XCTAssertEqual(composerRows, 6, "at most six rows of text on a 36-row screen")
        XCTAssertTrue(scrolled.text.contains("line 12") && !scrolled.text.contains("ERROR disk full"),
                      "the rows follow the cursor to the end")
        _ = press(.up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, in: &state)
        let top = Screen.render(state, size: size)
        XCTAssertTrue(top.text.contains("Summarise this log:") && !top.text.contains("line 12"), "and back to the start")
        _ = press(.enter, in: &state)
        XCTAssertEqual(state.composer.field.text, "", "sent")
        XCTAssertEqual(ScreenLayout(size: size, focus: state.focus).transcriptBody.height, pageBefore)
    }

    func testALongLineWrapsInTheComposer() {
        let size = Size(columns: 40, rows: 20)
        var state = Scenes.empty(size: size)
        _ = press(.paste(String(repeating: "word ", count: 12)), in: &state)
        let grid = Screen.render(state, size: size)
        let rows = grid.text.split(separator: "\n").filter { $0.hasPrefix("┃") }
        XCTAssertEqual(rows.count, 2, "60 characters take two rows of 35:\n\(grid.text)")
        XCTAssertEqual(grid.cursor?.y, size.rows - 3, "the cursor is on the second row")
    }
}
