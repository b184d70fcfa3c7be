import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Keys through the keymap and `reduce`: what a user pressing them would see happen.
final class ReducerKeyTests: XCTestCase {
    private func press(_ keys: Key..., in state: inout AppState) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    func testEnterSendsTheTypedMessageWithHistory() {
        var state = AppState(endpoint: "e", messages: [
            Message(id: "u0", role: .user, text: "Earlier question"), Message(id: "a0", role: .assistant, text: "Earlier answer"),
        ])
        _ = press(.character("H"), .character("i"), in: &state)
        let effects = press(.enter, in: &state)
        guard case .startTurn(_, _, let messages)? = effects.first else { return XCTFail("no turn started: \(effects)") }
        XCTAssertEqual(messages.map(\.content), ["Earlier question", "Earlier answer", "Hi"])
        XCTAssertTrue(state.composer.field.isEmpty, "the composer is cleared")
        XCTAssertEqual(state.current.messages.last?.status, .streaming)
    }

    func testEnterExplainsWhyItCannotSend() {
        var state = AppState(endpoint: "e")
        XCTAssertEqual(press(.enter, in: &state), [])
        XCTAssertEqual(state.notice, "Type a message first.")
        _ = press(.character("a"), .enter, .character("b"), in: &state)
        XCTAssertEqual(press(.enter, in: &state), [])
        XCTAssertEqual(state.notice, "A reply is still streaming; Esc cancels it.")
    }

    func testEscapeAndControlCCancelOnlyWhileStreaming() {
        var state = AppState(endpoint: "e")
        XCTAssertEqual(press(.escape, in: &state), [])
        XCTAssertEqual(state.notice, "Nothing is streaming.")
        _ = press(.character("x"), in: &state)
        guard case .startTurn(let id, _, _)? = press(.enter, in: &state).first else { return XCTFail() }
        XCTAssertEqual(press(.control("c"), in: &state), [.cancelRun(runID: id)])
        XCTAssertEqual(state.activeRun?.cancelling, true)
    }

    func testQQuitsOnlyWhenNotTypingButControlQAlways() {
        var state = AppState(endpoint: "e")
        XCTAssertEqual(press(.character("q"), in: &state), [])
        XCTAssertEqual(state.composer.field.text, "q", "q types in the composer")
        XCTAssertEqual(press(.control("q"), in: &state), [.quit])
        var other = AppState(endpoint: "e")
        _ = press(.tab, in: &other)
        XCTAssertEqual(other.focus, .conversations)
        XCTAssertEqual(press(.character("q"), in: &other), [.quit])
    }

    func testTabAndShiftTabCycleFocus() {
        var state = AppState(endpoint: "e")
        var seen: [Pane] = []
        for _ in 0..<4 { _ = press(.tab, in: &state); seen.append(state.focus) }
        XCTAssertEqual(seen, [.conversations, .transcript, .inspector, .composer])
        _ = press(.backTab, in: &state)
        XCTAssertEqual(state.focus, .inspector)
    }

    func testComposerEditingKeys() {
        var state = AppState(endpoint: "e")
        for c in "hello big 🌍 world" { _ = press(.character(c), in: &state) }
        _ = press(.control("w"), in: &state)
        XCTAssertEqual(state.composer.field.text, "hello big 🌍 ")
        _ = press(.backspace, .backspace, in: &state)
        XCTAssertEqual(state.composer.field.text, "hello big ", "backspace removes the whole emoji")
        _ = press(.home, .delete, in: &state)
        XCTAssertEqual(state.composer.field.text, "ello big ")
        _ = press(.end, .left, .left, .control("u"), in: &state)
        XCTAssertEqual(state.composer.field.text, "g ")
    }

    func testSlashFiltersConversationsAndEscClearsIt() {
        var state = AppState(endpoint: "e", messages: [Message(id: "u", role: .user, text: "Alpha talk")])
        _ = press(.control("n"), in: &state)
        XCTAssertEqual(state.conversations.count, 2)
        _ = press(.tab, in: &state)
        _ = press(.character("/"), .character("a"), .character("l"), in: &state)
        XCTAssertTrue(state.list.isFiltering)
        XCTAssertEqual(state.list.filter.text, "al")
        _ = press(.character("q"), in: &state)
        XCTAssertFalse(state.quitRequested, "q types into the filter")
        _ = press(.escape, in: &state)
        XCTAssertFalse(state.list.isFiltering)
        XCTAssertTrue(state.list.filter.isEmpty)
        _ = press(.down, in: &state)
        XCTAssertEqual(state.current.conversation.title, "Alpha talk", "↓ selects the next conversation")
    }

    func testInspectorTabsByNumberAndArrowsOnlyWhenFocused() {
        var state = AppState(endpoint: "e")
        _ = press(.character("3"), in: &state)
        XCTAssertEqual(state.inspector.tab, .steps, "3 types in the composer")
        state.focus = .inspector
        _ = press(.character("3"), in: &state)
        XCTAssertEqual(state.inspector.tab, .usage)
        _ = press(.right, in: &state)
        XCTAssertEqual(state.inspector.tab, .raw)
        _ = press(.right, in: &state)
        XCTAssertEqual(state.inspector.tab, .request)
        _ = press(.right, in: &state)
        XCTAssertEqual(state.inspector.tab, .lint)
        _ = press(.right, in: &state)
        XCTAssertEqual(state.inspector.tab, .steps)
        _ = press(.left, in: &state)
        XCTAssertEqual(state.inspector.tab, .lint)
    }

    func testRawSelectionAndExpand() {
        var state = Scenes.finishedDemo()
        state.focus = .inspector
        _ = press(.character("4"), in: &state)
        XCTAssertEqual(state.selectedRecordIndex, 7, "follows the newest record")
        _ = press(.up, .up, .enter, in: &state)
        XCTAssertEqual(state.selectedRecordIndex, 5)
        XCTAssertTrue(state.inspector.rawExpanded)
        _ = press(.down, .down, .down, in: &state)
        XCTAssertNil(state.inspector.rawSelection, "going past the newest follows again")
    }

    func testHelpOverlayTogglesAndSwallowsKeys() {
        var state = AppState(endpoint: "e")
        _ = press(.function(1), in: &state)
        XCTAssertTrue(state.showHelp)
        _ = press(.character("x"), in: &state)
        XCTAssertTrue(state.composer.field.isEmpty, "keys do not leak through the overlay")
        _ = press(.escape, in: &state)
        XCTAssertFalse(state.showHelp)
    }

    func testPageUpScrollsBackButNotPastTheFirstLine() {
        var state = Scenes.empty(size: Size(columns: 80, rows: 20))
        for n in 0..<20 {
            let id = Scenes.sending("question \(n)", size: Size(columns: 80, rows: 20), into: &state)
            _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["answer \(n)"]) + [Scenes.doneRecord(at: 1, offset: 90)])))
            _ = reduce(&state, .event(.runEnded(runID: id)))
        }
        _ = press(.pageUp, in: &state)
        XCTAssertGreaterThan(state.transcript.scrollBack, 0)
        for _ in 0..<100 { _ = press(.pageUp, in: &state) }
        let top = state.transcript.scrollBack
        XCTAssertTrue(Screen.render(state, size: Size(columns: 80, rows: 20)).text.contains("question 0"))
        _ = press(.pageDown, in: &state)
        XCTAssertLessThan(state.transcript.scrollBack, top, "one PageDown moves at once from the top")
        for _ in 0..<100 { _ = press(.pageDown, in: &state) }
        XCTAssertEqual(state.transcript.scrollBack, 0)
    }

    func testStatusBarHintsComeFromTheKeymap() {
        var state = AppState(endpoint: "e")
        XCTAssertTrue(Keymap.hints(in: state).contains { $0.key == "Enter" && $0.text == "send" && !$0.available })
        _ = press(.character("a"), in: &state)
        XCTAssertTrue(Keymap.hints(in: state).contains { $0.key == "Enter" && $0.text == "send" && $0.available })
        state.focus = .transcript
        XCTAssertTrue(Keymap.hints(in: state).contains { $0.key == "q" && $0.text == "quit" })
    }

    func testAStoredConversationOfAnotherProfileIsNotContinuedHere() {
        let stored = Conversation(id: "s1", title: "Alice's", provider: "dify", profile: "alice", createdAt: .init(timeIntervalSince1970: 0))
        var state = AppState(endpoint: "e", stored: [stored], profile: "bob")
        _ = reduce(&state, .event(.conversationLoaded(id: "s1", messages: [Message(id: "u", role: .user, text: "hi")], logs: [:])))
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = reduce(&state, .intent(.moveSelection(1)))
        XCTAssertEqual(state.currentID, "s1")
        _ = reduce(&state, .intent(.focus(.composer)))
        for character in "more" { _ = reduce(&state, .key(.character(character))) }
        XCTAssertEqual(reduce(&state, .key(.enter)), [], "no turn goes to an app that does not know this conversation")
        XCTAssertEqual(state.notice, "This conversation belongs to profile alice; start Parley with --profile alice to continue it, or Ctrl-N for a new one.")
    }
}
