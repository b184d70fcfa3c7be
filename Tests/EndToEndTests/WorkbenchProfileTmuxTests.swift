import Foundation
import TestSupport
import XCTest

/// The real binary with a config file: Ctrl-P switches profiles, new turns go through the chosen one and are
/// stored with its provider, and a rebound key from `keys:` works.
final class WorkbenchProfileTmuxTests: XCTestCase {
    func testSwitchingProfilesSendsNewTurnsThroughTheChosenOne() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let data = try makeTemporaryFolder("parley-profiles")
        let port = try LoopbackPort.free()
        let server = try SpawnedProcess(
            executable: binary, arguments: ["serve-fixtures", "--port", String(port)], logDirectory: data.appendingPathComponent("logs"))
        defer { server.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: server)

        let folder = data.appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config.yaml")
        try """
            default: local
            keys:
              new_conversation: ctrl-t
            profiles:
              local:
                provider: openai
                base_url: http://127.0.0.1:\(port)/v1
                model: parley-demo
              support:
                provider: dify
                base_url: http://127.0.0.1:\(port)/v1
                api_key: app-demo
                options: { user: demo }
            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)

        let environment = "XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) OPENAI_API_KEY="
        let tmux = try Tmux(columns: 160, rows: 36, command: "env PS1='profile-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.type("\(environment) \(binary)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("local · openai at http://127.0.0.1:\(port)/v1") }
        XCTAssertTrue(opened.met, opened.screen)
        try tmux.type("Hello local")
        try tmux.press("Enter")
        let first = try tmux.wait(seconds: 20) { $0.contains("built-in demo server") && !$0.contains("streaming") }
        XCTAssertTrue(first.met, first.screen)

        try tmux.press("C-p")
        let listed = try tmux.wait(seconds: 10) { $0.contains("● local") && $0.contains("support dify") }
        XCTAssertTrue(listed.met, listed.screen)
        try tmux.press("Down")
        try tmux.press("Enter")
        let switched = try tmux.wait(seconds: 20) { $0.contains("support · dify at http://127.0.0.1:\(port)/v1") }
        XCTAssertTrue(switched.met, switched.screen)
        try tmux.type("Hello support")
        try tmux.press("Enter")
        let second = try tmux.wait(seconds: 20) { $0.contains("Dify demo") && !$0.contains("streaming") }
        XCTAssertTrue(second.met, second.screen)

        try tmux.press("C-t")
        let fresh = try tmux.wait(seconds: 10) { $0.contains("New conversation.") }
        XCTAssertTrue(fresh.met, "ctrl-t from keys: starts a conversation:\n\(fresh.screen)")
        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("profile-shell$") && !$0.contains("Inspector") }.met)

        let listing = try ParleyBinary.run(
            ["conversations", "list"],
            environment: ParleyBinary.isolatedEnvironment(in: data, ["XDG_CONFIG_HOME": data.path, "XDG_DATA_HOME": data.path]))
        XCTAssertEqual(listing.exitCode, 0, listing.standardError)
        let rows = listing.lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        XCTAssertEqual(Set(rows.map { $0[3] + " " + $0.dropFirst(5).joined(separator: " ") }), ["openai Hello local", "dify Hello support"])
    }
}
