import Foundation
import TestSupport
import XCTest

/// The inspector's copies on the real binary in tmux: `y` on a raw record and `c` on the Request tab reach
/// tmux's paste buffer through OSC 52, and the curl command names the key's variable, never the key.
final class InspectorCopyTmuxTests: XCTestCase {
    func testCopiedRecordAndCurlReachTmuxAndTheKeyNever() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let data = try makeTemporaryFolder("parley-inspector-copy")
        let port = try LoopbackPort.free()
        let server = try SpawnedProcess(
            executable: binary, arguments: ["serve-fixtures", "--port", String(port)], logDirectory: data.appendingPathComponent("logs"))
        defer { server.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: server)
        let config = data.appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            profiles:
              agent:
                provider: dify
                base_url: http://127.0.0.1:\(port)/v1
                api_key_env: PARLEY_E2E_DIFY_KEY
            """.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let secret = "app-e2eSECRETkey7731"

        let tmux = try Tmux(columns: 200, rows: 50, command: "env PS1='copy-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.setServerOption("set-clipboard", "on")
        try tmux.type("PARLEY_E2E_DIFY_KEY=\(secret) XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary) --profile agent")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        try tmux.type("Paint the lighthouse")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) { $0.contains("two citations.") && !$0.contains("streaming") }
        XCTAssertTrue(answered.met, "the agent reply arrives:\n\(answered.screen)")

        try tmux.press("Tab", "Tab", "Tab")
        try tmux.type("4")
        let raw = try tmux.wait(seconds: 10) { $0.contains("message_end") }
        XCTAssertTrue(raw.met, "the Raw tab lists the records by type:\n\(raw.screen)")
        try tmux.type("y")
        let copied = try tmux.wait(seconds: 10) { $0.contains("to the clipboard") }
        XCTAssertTrue(copied.met, "the status bar says what was copied:\n\(copied.screen)")
        let record = try XCTUnwrap(try waitForBuffer(tmux) { $0.contains("message_end") })
        XCTAssertTrue(record.hasPrefix("data: {\"event\":\"message_end\""), "the exact bytes:\n\(record)")
        XCTAssertTrue(record.hasSuffix("\n\n"), "the SSE framing is kept:\n\(record)")
        XCTAssertFalse(record.contains("␊"), "the bytes, not their display")

        try tmux.type("5")
        let request = try tmux.wait(seconds: 10) { $0.contains("POST http://127.0.0.1:\(port)/v1/chat-messages") }
        XCTAssertTrue(request.met, "the Request tab shows the stored request:\n\(request.screen)")
        XCTAssertTrue(request.screen.contains("Bearer [redacted]"), request.screen)
        XCTAssertFalse(request.screen.contains(secret))
        try tmux.type("c")
        let curl = try XCTUnwrap(try waitForBuffer(tmux) { $0.hasPrefix("curl ") })
        XCTAssertTrue(curl.contains(#"'Authorization: Bearer '"$PARLEY_E2E_DIFY_KEY""#), curl)
        XCTAssertTrue(curl.contains("Paint the lighthouse"), curl)
        XCTAssertFalse(curl.contains(secret), "the key is never copied:\n\(curl)")
        XCTAssertFalse(curl.contains("[redacted]"), curl)

        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("copy-shell$") && !$0.contains("Inspector") }.met)
    }

    /// The newest paste buffer once it satisfies `condition`, polled with the pane until tmux's deadline.
    private func waitForBuffer(_ tmux: Tmux, _ condition: @escaping (String) -> Bool) throws -> String? {
        var found: String?
        _ = try tmux.wait(seconds: 10) { _ in
            guard let buffer = (try? tmux.newestBuffer()) ?? nil, condition(buffer) else { return false }
            found = buffer
            return true
        }
        return found
    }
}
