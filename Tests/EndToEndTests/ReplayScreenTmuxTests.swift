import ChatModel
import Foundation
import Store
import TestSupport
import XCTest

/// Replay in the screen on the real binary in tmux: `parley replay --paused FILE` steps record by record, and a
/// stored reply opens as a replay from the workbench.
final class ReplayScreenTmuxTests: XCTestCase {
    private var binary: String {
        ProcessInfo.processInfo.environment["PARLEY_E2E_BINARY"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    private static let words = ["Apple ", "Banana ", "Cherry ", "Damson ", "Elder"]

    /// An OpenAI-compatible recording: five words 50 ms apart, the finish reason, `[DONE]`; 7 records.
    private static func recording() -> Recording {
        var chunks: [Recording.Chunk] = []
        var offset = 0
        func add(_ text: String, at t: Double) {
            chunks.append(Recording.Chunk(t: t, offset: offset, kind: .event, bytes: Array(text.utf8)))
            offset += text.utf8.count
        }
        for (i, word) in words.enumerated() {
            add(#"data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"\#(word)"},"finish_reason":null}]}"# + "\n\n", at: 0.1 + Double(i) * 0.05)
        }
        add(#"data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n", at: 0.4)
        add("data: [DONE]\n\n", at: 0.41)
        let body = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"Name five fruit"}]}"#
        return Recording(
            runID: "run-e2e-replay",
            request: RunRequest(method: "POST", url: "http://127.0.0.1:9/v1/chat/completions",
                                headers: [HTTPHeader("Content-Type", "application/json")], body: Array(body.utf8)),
            response: ResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")], receivedAt: 0.05),
            chunks: chunks)
    }

    func testReplayStepsRecordByRecordAndBackOnTheRealBinary() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let folder = try makeTemporaryFolder("parley-replay-screen")
        let path = folder.appendingPathComponent("fruit.jsonl").path
        try Self.recording().jsonLines.write(toFile: path, atomically: true, encoding: .utf8)
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='replay-shell$ ' bash --norc --noprofile",
                            directory: folder.path)
        try tmux.type("XDG_DATA_HOME=\(folder.path) XDG_CONFIG_HOME=\(folder.path) \(binary) replay --paused fruit.jsonl")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("replay: record 0 of 7 · paused") }
        XCTAssertTrue(opened.met, "the workbench opens paused before the first record:\n\(opened.screen)")
        XCTAssertTrue(opened.screen.contains("Name five fruit"), "the recorded request's user message:\n\(opened.screen)")
        XCTAssertTrue(opened.screen.contains("Replay: fruit.jsonl"), opened.screen)

        try tmux.type("n")
        let one = try tmux.wait(seconds: 10) { $0.contains("record 1 of 7") && $0.contains("1 records") }
        XCTAssertTrue(one.met, "n shows the first record, and the inspector has it:\n\(one.screen)")
        XCTAssertTrue(one.screen.contains("Apple") && !one.screen.contains("Banana"), one.screen)

        try tmux.type("n")
        try tmux.type("n")
        let three = try tmux.wait(seconds: 10) { $0.contains("record 3 of 7") }
        XCTAssertTrue(three.met, three.screen)
        XCTAssertTrue(three.screen.contains("Apple Banana Cherry") && !three.screen.contains("Damson"), three.screen)

        try tmux.type("b")
        let back = try tmux.wait(seconds: 10) { $0.contains("record 2 of 7") }
        XCTAssertTrue(back.met, "b goes back one record:\n\(back.screen)")
        XCTAssertTrue(back.screen.contains("Apple Banana") && !back.screen.contains("Cherry"), back.screen)
        XCTAssertTrue(back.screen.contains("2 records"), back.screen)

        try tmux.type(" ")
        let ended = try tmux.wait(seconds: 20) { $0.contains("record 7 of 7 · ended") }
        XCTAssertTrue(ended.met, "Space plays the rest at the recorded pace:\n\(ended.screen)")
        XCTAssertTrue(ended.screen.contains("Apple Banana Cherry Damson Elder"), ended.screen)
        XCTAssertFalse(ended.screen.contains("streaming…"), "the [DONE] record ends the reply:\n\(ended.screen)")

        try tmux.type("q")
        let left = try tmux.wait(seconds: 10) { $0.contains("replay-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(left.met, "q leaves parley replay:\n\(left.screen)")
    }

    /// A reply stored by one session opens as a replay in the next: R on it plays it again in a conversation of
    /// its own, b steps back, and Esc returns to the stored conversation as it was.
    func testAStoredReplyOpensAsAReplayFromTheWorkbench() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let data = try makeTemporaryFolder("parley-replay-stored")
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='stored-shell$ ' bash --norc --noprofile",
                            directory: data.path)
        let start = "XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)"
        try tmux.type(start)
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        try tmux.type("Replay me later")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) { $0.contains("Add an endpoint") && !$0.contains("streaming") }
        XCTAssertTrue(answered.met, "the demo reply arrives:\n\(answered.screen)")
        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("stored-shell$") && !$0.contains("Inspector") }.met)

        try tmux.type(start)
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Replay me lat") }.met, "the stored conversation is listed")
        try tmux.press("Tab")
        try tmux.type("j")
        let stored = try tmux.wait(seconds: 10) { $0.contains("Add an endpoint") }
        XCTAssertTrue(stored.met, "the stored conversation opens:\n\(stored.screen)")
        try tmux.press("Tab")
        try tmux.type("R")
        let replaying = try tmux.wait(seconds: 10) { $0.contains("Replay: Replay me later") && $0.contains("replay: record ") }
        XCTAssertTrue(replaying.met, "R replays the reply:\n\(replaying.screen)")
        let ended = try tmux.wait(seconds: 20) { $0.contains("· ended") && $0.contains("Add an endpoint") }
        XCTAssertTrue(ended.met, "the reply fills again to its end:\n\(ended.screen)")
        let total = try XCTUnwrap(Self.recordCount(in: ended.screen), ended.screen)

        for _ in 0..<5 { try tmux.type("b") }
        let back = try tmux.wait(seconds: 10) { $0.contains("record \(total - 5) of \(total) · paused") }
        XCTAssertTrue(back.met, "b steps back record by record:\n\(back.screen)")
        XCTAssertTrue(back.screen.contains("streaming…") && !back.screen.contains("real model"),
                      "the end of the reply is gone again:\n\(back.screen)")

        try tmux.press("Escape")
        let left = try tmux.wait(seconds: 10) { $0.contains("Left the replay.") && $0.contains("Add an endpoint") }
        XCTAssertTrue(left.met, "Esc goes back to the stored reply:\n\(left.screen)")
        XCTAssertFalse(left.screen.contains("Replay: Replay me later"), left.screen)
        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("stored-shell$") && !$0.contains("Inspector") }.met)
    }

    /// N in `record N of N · ended`.
    private static func recordCount(in screen: String) -> Int? {
        guard let range = screen.range(of: #"of (\d+) · ended"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(3).prefix { $0.isNumber })
    }
}
