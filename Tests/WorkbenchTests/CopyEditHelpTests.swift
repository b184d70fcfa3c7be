import ChatModel
import TerminalUI
import TestSupport
import Workbench
import XCTest

/// The transcript's copy keys (`y` a message, `Y` its code block in view), the editor key (`e`, `^O`), the help
/// overlay scrolling on a small screen, the Raw tab's marks for the selected reply's text, and the
/// high-contrast and colourless looks.
final class CopyEditHelpTests: XCTestCase {
    private let filler = (1...30).map { "Paragraph \($0) between the two blocks." }.joined(separator: "\n\n")

    /// A finished reply with a shell block near its top and a Swift block at its end.
    private func replyWithTwoBlocks() -> (AppState, String) {
        var state = Scenes.empty()
        let id = Scenes.sending("Show me two blocks", into: &state)
        let text = "Run this first:\n\n```sh\necho first\n```\n\n" + filler + "\n\nThen:\n\n```swift\nprint(\"second\")\nlet x = 1\n```\n\nDone."
        var records = Scenes.textRecords([text])
        records.append(Scenes.doneRecord(at: 0.3, offset: records[0].bytes.count))
        _ = reduce(&state, .event(.runRecords(runID: id, records)))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.focus(.transcript)))
        return (state, text)
    }

    private func copied(_ effects: [Effect]) -> String? {
        guard case .copy(let bytes)? = effects.first else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func testYCopiesTheSelectedMessageAsWritten() {
        var (state, text) = replyWithTwoBlocks()
        XCTAssertEqual(copied(reduce(&state, .key(.character("y")))), text, "the newest message, its Markdown source")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        XCTAssertTrue(state.notice?.hasPrefix("Copied the reply (\(lines) lines, ") ?? false, state.notice ?? "")
        _ = reduce(&state, .key(.character("[")))
        XCTAssertEqual(copied(reduce(&state, .key(.character("y")))), "Show me two blocks", "the selected prompt")
        XCTAssertTrue(state.notice?.hasPrefix("Copied the prompt (1 line") ?? false, state.notice ?? "")
    }

    func testShiftYCopiesTheCodeBlockInViewElseTheLast() {
        var (state, _) = replyWithTwoBlocks()
        XCTAssertEqual(copied(reduce(&state, .key(.character("Y")))), "print(\"second\")\nlet x = 1",
                       "the block at the bottom of the view, without its closing line end")
        XCTAssertEqual(state.notice, "Copied code block 2/2 swift (2 lines) to the clipboard.")

        _ = reduce(&state, .key(.home))
        XCTAssertEqual(copied(reduce(&state, .key(.character("Y")))), "echo first", "scrolled to the top, the first block")
        XCTAssertEqual(state.notice, "Copied code block 1/2 sh (1 line) to the clipboard.")

        _ = reduce(&state, .key(.pageDown))
        XCTAssertEqual(copied(reduce(&state, .key(.character("Y")))), "print(\"second\")\nlet x = 1",
                       "with no block in view, the message's last")

        _ = reduce(&state, .key(.character("[")))
        XCTAssertTrue(reduce(&state, .key(.character("Y"))).isEmpty)
        XCTAssertEqual(state.notice, "No code block in the selected message; y copies it whole.")
    }

    func testCopyKeysSayWhyWithNothingToCopy() {
        var state = Scenes.empty()
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertTrue(reduce(&state, .key(.character("y"))).isEmpty)
        XCTAssertEqual(state.notice, "No message to copy yet.")
    }

    func testEditorKeysHandTheComposerTextOverAndTakeTheSavedTextBack() {
        var state = Scenes.empty()
        for character in "draft" { _ = reduce(&state, .key(.character(character))) }
        XCTAssertEqual(reduce(&state, .key(.control("o"))), [.editComposer(text: "draft")], "^O while typing")
        XCTAssertEqual(reduce(&state, .key(.control("o"))), [], "one editor at a time")
        _ = reduce(&state, .event(.editorFailed("The editor `vi` exited with status 1.")))
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertEqual(reduce(&state, .key(.character("e"))), [.editComposer(text: "draft")], "e when not typing")

        _ = reduce(&state, .event(.editorFailed("No editor `nope` was found. The message is unchanged.")))
        XCTAssertEqual(state.composer.field.text, "draft", "a failed editor never loses the message")
        XCTAssertEqual(state.focus, .composer)
        XCTAssertEqual(state.notice, "No editor `nope` was found. The message is unchanged.")

        _ = reduce(&state, .event(.composerEdited(text: "A longer\r\nprompt\u{1B}[31m\n\n")))
        XCTAssertEqual(state.composer.field.text, "A longer\nprompt[31m", "cleaned as a paste, the editor's final newlines dropped")
        XCTAssertEqual(state.composer.field.cursor, state.composer.field.characters.count)
        XCTAssertEqual(state.notice, "The edited message is in the composer; Enter sends it.")

        _ = reduce(&state, .event(.composerEdited(text: "A longer\nprompt[31m\n")))
        XCTAssertEqual(state.notice, "The editor left the message unchanged.")
    }

    func testHelpScrollsOnASmallScreenAndSaysThereIsMore() {
        var state = Scenes.finishedDemo(size: Size(columns: 100, rows: 24))
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("?")))
        var grid = Screen.render(state, size: state.size)
        XCTAssertTrue(grid.text.contains("↓ more · lines 1-"), grid.text)
        XCTAssertFalse(grid.text.contains("↑ more"))
        XCTAssertTrue(Keymap.hints(in: state).contains { $0.text == "scroll" && $0.key == "↑/↓/PgUp/PgDn" }, "the status bar names the scroll keys")

        _ = reduce(&state, .key(.pageDown))
        XCTAssertGreaterThan(state.helpScroll, 0)
        _ = reduce(&state, .key(.end))
        let bottom = state.helpScroll
        _ = reduce(&state, .key(.down))
        XCTAssertEqual(state.helpScroll, bottom, "the view stops at the last line")
        grid = Screen.render(state, size: state.size)
        XCTAssertTrue(grid.text.contains("↑ more · lines"), grid.text)
        XCTAssertFalse(grid.text.contains("↓ more"))
        XCTAssertTrue(grid.text.contains("Quit Parley"), "the last scope is in view")
        assertSnapshot(grid, named: "help-scrolled-100x24")

        _ = reduce(&state, .key(.up))
        XCTAssertEqual(state.helpScroll, bottom - 1)
        _ = reduce(&state, .key(.character("?")))
        _ = reduce(&state, .key(.character("?")))
        XCTAssertEqual(state.helpScroll, 0, "help opens at its top")
    }

    func testHelpThatFitsDoesNotScroll() {
        var state = Scenes.finishedDemo(size: Size(columns: 160, rows: 60))
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("?")))
        _ = reduce(&state, .key(.pageDown))
        XCTAssertEqual(state.helpScroll, 0)
        let grid = Screen.render(state, size: state.size)
        XCTAssertFalse(grid.text.contains("more ·"))
        XCTAssertFalse(Keymap.hints(in: state).contains { $0.text == "scroll" }, "no scroll hint when everything is in view")
    }

    func testRawTabMarksTheRecordsThatCarriedTheSelectedReplysText() throws {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        let grid = Screen.render(state, size: state.size)
        assertSnapshot(grid, named: "raw-text-marks")
        XCTAssertTrue(grid.text.contains("▌ carried the text of reply 1/2"), grid.text)
        let rows = (0..<grid.size.rows).map { grid.line($0) }
        let marked = rows.filter { $0.contains("▌ +") }
        let unmarked = rows.filter { $0.contains("s @") && !$0.contains("▌") }
        XCTAssertFalse(marked.isEmpty, grid.text)
        XCTAssertTrue(marked.allSatisfy { !$0.contains("usage") && !$0.contains("message_end") }, marked.joined(separator: "\n"))
        XCTAssertFalse(unmarked.isEmpty, "records without text are not marked:\n\(grid.text)")

        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("]")))
        _ = reduce(&state, .key(.character("]")))
        _ = reduce(&state, .key(.character("]")))
        XCTAssertFalse(Screen.render(state, size: state.size).text.contains("▌ carried"), "following the newest reply marks nothing")
    }

    func testHighContrastAndColourlessLooks() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("themes/high-contrast.theme")
        let highContrast = try Theme.parse(String(contentsOf: url, encoding: .utf8), name: "high-contrast")
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.focus(.conversations)))
        assertStyledSnapshot(Screen.render(state, size: state.size, theme: highContrast), named: "high-contrast", theme: highContrast)
        let colourless = Theme.standard.withoutColors()
        assertStyledSnapshot(Screen.render(state, size: state.size, theme: colourless), named: "no-color", theme: colourless)
    }
}
