import ChatModel
import Providers
import Sessions
import TerminalUI
import TestSupport
import Workbench
import WorkbenchApp
import XCTest

/// The profile switcher: Ctrl-P lists the profiles with kind and endpoint, Enter sends new turns through the
/// chosen one, and the status bar names the active one.
final class ProfileSwitcherTests: XCTestCase {
    private let choices = [
        ProfileChoice(name: "local", kind: "openai", endpoint: "http://127.0.0.1:8080/v1"),
        ProfileChoice(name: "support", kind: "dify", endpoint: "https://api.dify.ai/v1"),
    ]

    private func press(_ keys: Key..., in state: inout AppState) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    private func state() -> AppState {
        var state = AppState(endpoint: choices[0].label, profile: "local")
        state.profileChoices = choices
        return state
    }

    func testControlPListsProfilesAndEnterAsksForTheChosenOne() {
        var state = state()
        XCTAssertEqual(press(.control("p"), in: &state), [])
        let screen = Screen.render(state, size: Size(columns: 100, rows: 24)).text
        XCTAssertTrue(screen.contains("● local   openai http://127.0.0.1:8080/v1"), screen)
        XCTAssertTrue(screen.contains("  support dify   https://api.dify.ai/v1"), screen)
        XCTAssertEqual(press(.character("x"), in: &state), [], "typing does not reach the composer while the list is open")
        XCTAssertEqual(state.composer.field.text, "")
        XCTAssertEqual(press(.down, .enter, in: &state), [.switchProfile(name: "support")])
        XCTAssertNil(state.profilePicker)
        XCTAssertEqual(state.notice, "Switching to profile support…")

        _ = reduce(&state, .event(.profileSwitched(name: "support", endpoint: choices[1].label)))
        XCTAssertEqual(state.profile, "support")
        let status = Screen.render(state, size: Size(columns: 140, rows: 24)).text.split(separator: "\n").last ?? ""
        XCTAssertTrue(status.contains("support · dify at https://api.dify.ai/v1"), String(status))
    }

    func testEscapeClosesAndChoosingTheActiveProfileDoesNothing() {
        var state = state()
        _ = press(.control("p"), .escape, in: &state)
        XCTAssertNil(state.profilePicker)
        XCTAssertEqual(press(.control("p"), .enter, in: &state), [], "local is already active")
        XCTAssertEqual(state.profile, "local")
    }

    func testWithOneProfileTheKeySaysWhy() {
        var state = AppState(endpoint: "e", profile: "local")
        state.profileChoices = [choices[0]]
        XCTAssertEqual(press(.control("p"), in: &state), [])
        XCTAssertEqual(state.notice, "There is no other profile to switch to; add profiles with `parley config edit`.")
    }

    func testAConversationOfTheOldProfileIsNotContinuedThroughTheNewOne() {
        var state = state()
        _ = press(.character("h"), .character("i"), .enter, in: &state)
        _ = reduce(&state, .event(.runEnded(runID: state.activeRun?.id ?? "")))
        let first = state.currentID
        _ = reduce(&state, .event(.profileSwitched(name: "support", endpoint: choices[1].label)))
        XCTAssertNotEqual(state.currentID, first, "a fresh conversation takes the new profile's turns")
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = reduce(&state, .intent(.moveSelection(1)))
        XCTAssertEqual(state.currentID, first)
        XCTAssertEqual(state.continuationRefusal,
                       "This conversation belongs to profile local; switch to it with Ctrl-P to continue it, or Ctrl-N for a new one.")
    }

    func testNewTurnsGoThroughTheChosenProfilesRunner() async throws {
        let local = ReplayTransport(chunks: [Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"From local\"}}]}\n\ndata: [DONE]\n\n".utf8)])
        let support = ReplayTransport(chunks: [Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"From support\"}}]}\n\ndata: [DONE]\n\n".utf8)])
        var config = AppConfiguration(
            runner: RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "a"), transport: local),
            profile: "local", endpointLabel: choices[0].label, frameInterval: .zero)
        config.profileChoices = choices
        config.switchProfile = { name in
            ProfileTarget(
                runner: RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v2", model: "b"), transport: support),
                providerKind: "openai", endpointLabel: "\(name) · openai at http://127.0.0.1:9/v2")
        }
        let terminal = MemoryTerminal()
        let frozen = config
        let app = Task { try await WorkbenchApp.run(frozen, terminal: terminal) }
        terminal.type("One")
        terminal.press(.enter)
        let frame1 = await terminal.waitForFrame { $0.contains("From local") }
        XCTAssertNotNil(frame1)
        terminal.press(.control("p"))
        let frame2 = await terminal.waitForFrame { $0.contains("● local") }
        XCTAssertNotNil(frame2)
        terminal.press(.down)
        terminal.press(.enter)
        let frame3 = await terminal.waitForFrame { $0.contains("support · openai at http://127.0.0.1:9/v2") }
        XCTAssertNotNil(frame3)
        terminal.type("Two")
        terminal.press(.enter)
        let frame4 = await terminal.waitForFrame { $0.contains("From support") }
        XCTAssertNotNil(frame4)
        XCTAssertEqual(local.sent.count, 1)
        XCTAssertEqual(support.sent.count, 1)
        XCTAssertTrue(String(decoding: support.sent[0].body, as: UTF8.self).contains("Two"))
        XCTAssertFalse(String(decoding: support.sent[0].body, as: UTF8.self).contains("One"), "the old conversation stays with local")
        terminal.press(.control("q"))
        try await app.value
    }
}

/// Key bindings from the config file: the dispatcher and the help overlay use the user's keys.
final class CustomKeyTests: XCTestCase {
    func testARebindingMovesTheActionAndTheHelpShowsIt() {
        var state = AppState(endpoint: "e")
        state.bindings = Keymap.customized(["new_conversation": [.control("t")], "quit": [.character("x"), .control("x")]])
        XCTAssertEqual(reduce(&state, .key(.control("n"))), [], "the old key is free")
        XCTAssertEqual(state.conversations.count, 1)
        _ = reduce(&state, .key(.control("t")))
        XCTAssertEqual(state.conversations.count, 2)
        XCTAssertEqual(reduce(&state, .key(.character("x"))), [], "x types while the composer has focus")
        XCTAssertEqual(reduce(&state, .key(.control("x"))), [.quit], "a control key works everywhere the action did")
        var help = AppState(endpoint: "e")
        help.bindings = state.bindings
        _ = reduce(&help, .key(.tab))
        XCTAssertEqual(reduce(&help, .key(.character("x"))), [.quit], "x quits when not typing")
        help.showHelp = true
        let screen = Screen.render(help, size: Size(columns: 120, rows: 40)).text
        XCTAssertTrue(screen.contains("^T"), screen)
        XCTAssertTrue(screen.contains("Start a new conversation"), screen)
        XCTAssertFalse(screen.contains("^N"), screen)
    }

    func testEveryRebindableActionHasAName() {
        XCTAssertEqual(Set(Keymap.actions.map(\.name)), [
            "profiles", "send", "quit", "help", "filter", "cancel", "focus_next", "focus_previous", "new_conversation", "retry",
            "compare",
            "replay",
            "zoom", "inspector",
            "copy_message", "copy_code", "edit_message",
        ])
    }
}
