import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TerminalUI
import TestSupport
import WorkbenchApp
import XCTest

/// The Lint tab and the compare view in the real app loop with a SQLite store: the worker lints what the screen
/// hands it, reads back what the screen no longer keeps, and compares two stored runs.
final class DebuggerAppLoopTests: XCTestCase {
    private func configuration(_ transport: ReplayTransport, store: SQLiteStore) -> AppConfiguration {
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"), transport: transport)
        return AppConfiguration(runner: runner, store: store, endpointLabel: "test endpoint", frameInterval: .zero)
    }

    private func chunk(_ text: String) -> String {
        #"data: {"choices":[{"index":0,"delta":{"content":"\#(text)"},"finish_reason":null}]}"# + "\n\n"
    }

    /// Streams `body` as one turn with `prompt` into the store at `path`, waits for its `last` words, then quits.
    private func streamTurn(_ prompt: String, body: String, ending last: String, path: String) async throws {
        let terminal = MemoryTerminal()
        let config = configuration(
            ReplayTransport(chunks: ReplayTransport.pieces(Array(body.utf8), size: 4096)), store: try SQLiteStore(path: path))
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type(prompt)
        terminal.press(.enter)
        let done = await terminal.waitForFrame { !$0.contains("reply streaming") && $0.contains(last) }
        XCTAssertNotNil(done, "the run ended")
        terminal.press(.control("q"))
        _ = try await app.value
    }

    func testTheLintTabOfALongStoredReplyReadsTheRecordsTheScreenDoesNotKeep() async throws {
        let path = try makeTemporaryFolder("parley-lint-loop").appendingPathComponent("parley.sqlite").path
        let body = "\u{FEFF}" + (0..<2_500).map { chunk("w\($0) ") }.joined()
            + #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"
        try await streamTurn("Count to many", body: body, ending: "w2499", path: path)

        let terminal = MemoryTerminal()
        let config = configuration(ReplayTransport(chunks: []), store: try SQLiteStore(path: path))
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        _ = await terminal.waitForFrame { $0.contains("Count to many") }
        terminal.press(.tab)
        terminal.press(.down)
        _ = await terminal.waitForFrame { $0.contains("w2499") }
        terminal.press(.tab)
        terminal.press(.tab)
        terminal.type("6")
        let lint = await terminal.waitForFrame { $0.contains("sse-bom") }
        XCTAssertNotNil(lint, "the BOM in record 1, long out of the screen's window, is found")
        XCTAssertTrue(lint?.text.contains("#1 @0") == true, lint?.text ?? "")
        XCTAssertTrue(lint?.text.contains("2502 records") == true, "the whole run is linted: \(lint?.text ?? "")")
        terminal.press(.enter)
        let raw = await terminal.waitForFrame { $0.contains("record 1/2502") }
        XCTAssertNotNil(raw, "Enter reads record 1 back from the store and opens it in the Raw tab")
        terminal.press(.control("q"))
        _ = try await app.value
    }

    func testMOnTwoStoredRepliesComparesThemWithTheStoredModel() async throws {
        let path = try makeTemporaryFolder("parley-compare-loop").appendingPathComponent("parley.sqlite").path
        try await streamTurn("First", body: chunk("Tides follow the moon.") + "data: [DONE]\n\n", ending: "moon.", path: path)
        try await streamTurn("Second", body: chunk("Tides follow the sun.") + "data: [DONE]\n\n", ending: "sun.", path: path)

        let terminal = MemoryTerminal()
        let config = configuration(ReplayTransport(chunks: []), store: try SQLiteStore(path: path))
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        _ = await terminal.waitForFrame { $0.contains("First") && $0.contains("Second") }
        terminal.press(.tab)
        terminal.press(.down)
        _ = await terminal.waitForFrame { $0.contains("follow the sun") }
        terminal.type("M")
        terminal.press(.down)
        _ = await terminal.waitForFrame { $0.contains("follow the moon") }
        terminal.type("M")
        let compared = await terminal.waitForFrame { $0.contains("first token") && $0.contains("{+moon.+}") }
        XCTAssertNotNil(compared, "the compare view shows the figures and the word diff")
        XCTAssertTrue(compared?.text.contains("[-sun.-]") == true, compared?.text ?? "")
        XCTAssertTrue(compared?.text.contains("demo") == true, "the model is read from the stored request")
        terminal.press(.escape)
        let closed = await terminal.waitForFrame { !$0.contains("first token") }
        XCTAssertNotNil(closed)
        terminal.press(.control("q"))
        _ = try await app.value
    }
}
