import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TerminalUI
import TestSupport
import Workbench
import WorkbenchApp
import XCTest

/// Replay through the app loop: a reply longer than the screen keeps in memory is read back whole from the
/// store, and `parley replay`'s configuration opens on its tape and quits when it is left.
final class AppLoopReplayTests: XCTestCase {
    func testALongStoredReplyIsReadBackWholeAndPlaysToItsEnd() async throws {
        let path = try makeTemporaryFolder("parley-loop-replay").appendingPathComponent("parley.sqlite").path
        let words = (1...2_500).map { "w\($0) " }
        let body = words.map { #"data: {"choices":[{"index":0,"delta":{"content":"\#($0)"}}]}"# + "\n\n" }.joined()
            + "data: [DONE]\n\n"
        let first = MemoryTerminal()
        let firstConfig = AppConfiguration(
            runner: Self.runner(ReplayTransport.pieces(Array(body.utf8), size: 4_096)), store: try SQLiteStore(path: path),
            endpointLabel: "test", frameInterval: .zero)
        let firstApp = Task { try await WorkbenchApp.run(firstConfig, terminal: first) }
        first.type("Count to 2500")
        first.press(.enter)
        let done = await first.waitForFrame { $0.contains("w2500") && !$0.contains("reply streaming") }
        XCTAssertNotNil(done)
        first.press(.control("q"))
        _ = try await firstApp.value

        let second = MemoryTerminal()
        let secondConfig = AppConfiguration(
            runner: Self.runner([]), store: try SQLiteStore(path: path), endpointLabel: "test", frameInterval: .zero)
        let secondApp = Task { try await WorkbenchApp.run(secondConfig, terminal: second) }
        _ = await second.waitForFrame { $0.contains("Count to 2500") }
        second.press(.tab)
        second.press(.down)
        let loaded = await second.waitForFrame { $0.contains("w2500") }
        XCTAssertNotNil(loaded, "the stored conversation opens")
        second.press(.tab)
        second.type("R")
        let ended = await second.waitForFrame(within: 30) { $0.contains("replay: record 2501 of 2501 · ended") }
        XCTAssertNotNil(ended, "every record is read back from the store and played: \(second.lastFrame?.text ?? "")")
        XCTAssertTrue(ended?.text.contains("Replay: Count to 2500") ?? false)
        second.type("b")
        let back = await second.waitForFrame { $0.contains("record 2500 of 2501 · paused") }
        XCTAssertNotNil(back, second.lastFrame?.text ?? "")
        second.press(.escape)
        let left = await second.waitForFrame { $0.contains("Left the replay.") }
        XCTAssertNotNil(left, second.lastFrame?.text ?? "")
        second.press(.control("q"))
        _ = try await secondApp.value
    }

    private static func runner(_ chunks: [[UInt8]]) -> RunStarter {
        RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"), transport: ReplayTransport(chunks: chunks))
    }

    func testTheReplayConfigurationOpensOnItsTapeAndQuitsWhenLeft() async throws {
        let records = ["one ", "two"].enumerated().map { i, word in
            RawRecord(kind: .event, offset: i * 60, receivedAt: 0.1 * Double(i + 1),
                      bytes: Array(#"data: {"choices":[{"index":0,"delta":{"content":"\#(word)"}}]}"#.utf8) + [10, 10],
                      events: [.text(word)])
        }
        let tape = ReplayTape(
            source: .file("x.jsonl"), title: "Replay: x.jsonl", provider: "openai", prompt: "Say two words", runID: "r",
            records: records, status: 200, headAt: 0.05, startsPaused: true)
        let terminal = MemoryTerminal()
        let configuration = try AppConfiguration.replaying(tape, label: "openai · x.jsonl", theme: .standard)
        let app = Task { try await WorkbenchApp.run(configuration, terminal: terminal) }
        let opened = await terminal.waitForFrame { $0.contains("replay: record 0 of 2 · paused") }
        XCTAssertNotNil(opened, terminal.lastFrame?.text ?? "")
        XCTAssertTrue(opened?.text.contains("Say two words") ?? false)
        terminal.type("nn")
        let shown = await terminal.waitForFrame { $0.contains("one two") && $0.contains("record 2 of 2 · ended") }
        XCTAssertNotNil(shown, terminal.lastFrame?.text ?? "")
        terminal.type("q")
        let status = try await app.value
        XCTAssertEqual(status, 0, "q leaves the replay, and with it the app")
    }
}
