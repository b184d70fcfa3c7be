import Foundation
import TestSupport
import XCTest

/// Issue 10's promise: a developer points a client at `parley proxy` and watches its stream in the workbench.
final class ProxyWorkbenchTmuxTests: XCTestCase {
    func testAProxiedStreamAppearsInTheOpenWorkbenchAsItArrives() async throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let (fixtures, base) = try await RunningFixtureServer.start()
        defer { Task { await fixtures.stop() } }
        let data = try makeTemporaryFolder("parley-proxy-e2e")
        let environment = ParleyBinary.isolatedEnvironment(in: data)

        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='proxy-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.type("HOME=\(data.path) XDG_DATA_HOME=\(data.path)/data XDG_CONFIG_HOME=\(data.path)/config \(binary)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Inspector") }
        XCTAssertTrue(opened.met, "the workbench opens:\n\(opened.screen)")

        let port = try LoopbackPort.free()
        let proxy = try SpawnedProcess(
            executable: binary, arguments: ["proxy", "--listen", "127.0.0.1:\(port)", "--upstream", base],
            environment: environment, logDirectory: try makeTemporaryFolder("parley-proxy-e2e-logs"))
        defer { proxy.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: proxy)
        // A client whose reply sends its first words and then nothing, until it hangs up.
        let client = try SpawnedProcess(
            executable: binary,
            arguments: ["send", "--no-store", "--base-url", "http://127.0.0.1:\(port)/scenario/openai-stall/v1", "watch this stall"],
            environment: environment, logDirectory: try makeTemporaryFolder("parley-proxy-e2e-client"))
        defer { client.stop() }

        let listed = try tmux.wait(seconds: 20) { $0.contains("watch this st") }  // the row also shows its date
        XCTAssertTrue(listed.met, "the proxied turn joins the conversation list:\n\(listed.screen)")
        try tmux.press("Tab")
        try tmux.type("j")  // this session's conversation is first; stored ones follow under their profile
        let streaming = try tmux.wait(seconds: 20) { $0.contains("Thinking about") && $0.contains("streaming") }
        XCTAssertTrue(streaming.met, "the reply shows while it still streams:\n\(streaming.screen)")

        client.stop()
        let cancelled = try tmux.wait(seconds: 20) { $0.contains("Assistant · cancelled") && $0.contains("Thinking about") }
        XCTAssertTrue(cancelled.met, "the hang-up reaches the screen:\n\(cancelled.screen)")
        try tmux.type("q")
    }
}
