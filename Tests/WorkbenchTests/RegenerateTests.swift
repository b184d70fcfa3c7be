import ChatModel
import Providers
import Sessions
import TerminalUI
import TestSupport
import Workbench
import WorkbenchApp
import XCTest

/// `r` asks again for a reply to the last message: a retry after a failure, or another answer.
final class RegenerateTests: XCTestCase {
    func testRetryAfterAFailureSendsTheHistoryUpToTheLastPrompt() {
        var state = AppState(endpoint: "e", messages: [
            Message(id: "u1", role: .user, text: "Question"),
            Message(id: "a1", role: .assistant, text: "half", status: .failed),
        ])
        state.focus = .transcript
        let effects = reduce(&state, .key(.character("r")))
        guard case .regenerateTurn(_, _, let messages)? = effects.first else { return XCTFail("no retry: \(effects)") }
        XCTAssertEqual(messages, [ChatMessage(role: .user, content: "Question")], "the failed reply is not sent back")
        XCTAssertEqual(state.current.messages.map(\.status), [.complete, .failed, .streaming], "the failure stays on record")
    }

    func testAStoppedOrCutReplyIsNotSentBackAsAnAnswerOnTheNextTurn() {
        var state = AppState(endpoint: "e", messages: [
            Message(id: "u1", role: .user, text: "First"),
            Message(id: "a1", role: .assistant, text: "partial", status: .cancelled),
            Message(id: "u2", role: .user, text: "Second"),
            Message(id: "a2", role: .assistant, text: "cut short", status: .interrupted),
            Message(id: "u3", role: .user, text: "Third"),
            Message(id: "a3", role: .assistant, text: "A full answer"),
        ])
        for character in "Fourth" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(_, _, let messages)? = reduce(&state, .key(.enter)).first else { return XCTFail("no turn") }
        XCTAssertEqual(messages.map(\.content), ["First", "Second", "Third", "A full answer", "Fourth"])
    }

    func testRetryExplainsWhyItCannotAct() {
        var empty = AppState(endpoint: "e")
        empty.focus = .transcript
        XCTAssertEqual(reduce(&empty, .key(.character("r"))), [])
        XCTAssertEqual(empty.notice, "There is no message to answer yet.")

        var streaming = AppState(endpoint: "e")
        streaming.composer.field.insert("Hi")
        _ = reduce(&streaming, .intent(.send))
        streaming.focus = .transcript
        XCTAssertEqual(reduce(&streaming, .key(.character("r"))), [])
        XCTAssertEqual(streaming.notice, "A reply is streaming.")
    }

    func testRetryInTheAppGetsANewReplyFromTheServer() async throws {
        let transport = ScriptedTransport([
            .init(status: 503, contentType: "application/json", chunks: [#"{"error":{"message":"busy, try again"}}"#]),
            .init(chunks: [#"data: {"choices":[{"index":0,"delta":{"content":"Second time lucky"},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"]),
        ])
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "m"), transport: transport)
        let terminal = MemoryTerminal()
        let config = AppConfiguration(runner: runner, endpointLabel: "test", frameInterval: .zero)
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Please answer")
        terminal.press(.enter)
        let failed = await terminal.waitForFrame { $0.contains("busy, try again") }
        XCTAssertNotNil(failed, "the failure is shown")
        terminal.press(.tab)
        terminal.type("r")
        let retried = await terminal.waitForFrame { $0.contains("Second time lucky") }
        XCTAssertNotNil(retried, "the new reply streams in")
        XCTAssertEqual(transport.requests.count, 2)
        let body = String(decoding: transport.requests[1].body, as: UTF8.self)
        XCTAssertTrue(body.contains("Please answer") && !body.contains("busy"), body)
        terminal.press(.control("q"))
        try await app.value
    }
}
