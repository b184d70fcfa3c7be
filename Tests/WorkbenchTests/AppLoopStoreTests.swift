import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TerminalUI
import TestSupport
import WorkbenchApp
import XCTest

/// The workbench with a real SQLite store: what one session streams, the next one lists, loads and inspects.
final class AppLoopStoreTests: XCTestCase {
    private func configuration(_ transport: ReplayTransport, store: SQLiteStore) -> AppConfiguration {
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"), transport: transport)
        return AppConfiguration(runner: runner, store: store, endpointLabel: "test endpoint", frameInterval: .zero)
    }

    func testAStreamedTurnIsStoredAndBrowsableInTheNextSession() async throws {
        let path = try makeTemporaryFolder("parley-loop").appendingPathComponent("parley.sqlite").path
        let bytes = try Fixtures.bytes("openai/fakellm-text.sse")

        let first = MemoryTerminal()
        let firstConfig = configuration(ReplayTransport(chunks: ReplayTransport.pieces(bytes, size: 64)), store: try SQLiteStore(path: path))
        let firstApp = Task { try await WorkbenchApp.run(firstConfig, terminal: first) }
        first.type("Remember this")
        first.press(.enter)
        let done = await first.waitForFrame { $0.contains("word by word.") && !$0.contains("reply streaming") }
        XCTAssertNotNil(done, "the run ended: the composer no longer says a reply is streaming")
        first.press(.control("q"))
        try await firstApp.value

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(store.recoveredMessageIDs, [], "the reply was stored as ended, not recovered as interrupted")
        let saved = try XCTUnwrap(try store.conversations().first)
        XCTAssertEqual(saved.title, "Remember this")
        let transcript = try XCTUnwrap(try store.transcript(id: saved.id))
        XCTAssertEqual(transcript.messages.map(\.status), [.complete, .complete])
        XCTAssertEqual(transcript.messages.last?.text, "Hi there, this is fakellm streaming word by word.")

        let second = MemoryTerminal()
        let secondConfig = configuration(ReplayTransport(chunks: []), store: store)
        let secondApp = Task { try await WorkbenchApp.run(secondConfig, terminal: second) }
        let listed = await second.waitForFrame { $0.contains("Remember this") }
        XCTAssertNotNil(listed, "the stored conversation is in the list")
        second.press(.tab)
        second.press(.down)
        let loaded = await second.waitForFrame { $0.contains("word by word.") }
        XCTAssertNotNil(loaded, "selecting it loads its messages")
        second.press(.tab)
        second.press(.tab)
        second.type("4")
        let raw = await second.waitForFrame { $0.contains("14B finished [DONE]␊␊") }
        XCTAssertNotNil(raw, "its raw records are there offline")
        second.press(.control("q"))
        try await secondApp.value
    }

    func testQuittingWhileAReplyStreamsStoresItCancelledWithWhatArrived() async throws {
        let path = try makeTemporaryFolder("parley-loop").appendingPathComponent("parley.sqlite").path
        let first = Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half an answer\"}}]}\n\n".utf8)
        let terminal = MemoryTerminal()
        let config = configuration(ReplayTransport(chunks: [first], holdOpen: true), store: try SQLiteStore(path: path))
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Long question")
        terminal.press(.enter)
        let streaming = await terminal.waitForFrame { $0.contains("Half an answer") && $0.contains("reply streaming") }
        XCTAssertNotNil(streaming)
        terminal.press(.control("q"))
        let status = try await app.value
        XCTAssertEqual(status, 0)

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(store.recoveredMessageIDs, [], "the reply was stored as it ended, nothing was left streaming")
        let saved = try XCTUnwrap(try store.conversations().first)
        let reply = try XCTUnwrap(try store.transcript(id: saved.id)?.messages.last)
        XCTAssertEqual(reply.status, .cancelled)
        XCTAssertEqual(reply.text, "Half an answer")
    }
}
