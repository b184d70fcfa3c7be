import Foundation
import TestSupport
import XCTest

/// The workbench fetches a fresh key after a 401 without freezing the screen or writing on it.
final class WorkbenchKeyCommandTests: XCTestCase {
    func testAHangingKeyCommandNeitherFreezesTheScreenNorWritesOnIt() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let data = try makeTemporaryFolder("parley-keycommand")
        let port = try LoopbackPort.free()
        let server = try SpawnedProcess(
            executable: binary, arguments: ["serve-fixtures", "--port", String(port)], logDirectory: data.appendingPathComponent("logs"))
        defer { server.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: server)

        // The first run prints a key; the second (the refresh after the 401) says something on stderr and hangs.
        let marker = data.appendingPathComponent("issued").path
        let hanging = data.appendingPathComponent("hanging.pid").path
        let command = "if [ -e \(marker) ]; then echo $$ > \(hanging); echo NOISE-FROM-COMMAND >&2; exec sleep 300; fi; "
            + "touch \(marker); echo app-first-key"
        let config = data.appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            profiles:
              tokens:
                provider: dify
                base_url: http://127.0.0.1:\(port)/v1
                api_key_command: '\(command)'
                api_key_command_timeout: 15
            """.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)

        let tmux = try Tmux(columns: 160, rows: 36, command: "env PS1='key-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary) --profile tokens")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Inspector") }
        XCTAssertTrue(opened.met, opened.screen)
        try tmux.type("unauthorized please")
        try tmux.press("Enter")
        let started = try tmux.wait(seconds: 20) { _ in FileManager.default.fileExists(atPath: hanging) }
        XCTAssertTrue(started.met, "the 401 runs the command again:\n\(started.screen)")
        let pid = try XCTUnwrap(Int32(String(contentsOfFile: hanging, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        try tmux.type("typed while the command hangs")
        let typed = try tmux.wait(seconds: 10) { $0.contains("typed while the command hangs") }
        XCTAssertTrue(typed.met, "keys still reach the screen:\n\(typed.screen)")
        XCTAssertEqual(kill(pid, 0), 0, "the command was still running when the screen answered")
        XCTAssertFalse(typed.screen.contains("NOISE-FROM-COMMAND"), "the command's stderr is not written over the screen")

        // Letters and digits only, so the check holds however the message wraps.
        let failed = try tmux.wait(seconds: 40) { screen in
            screen.filter { $0.isLetter || $0.isNumber }.contains("apikeycommanddidnotfinishwithin15sandwasstopped")
        }
        XCTAssertTrue(failed.met, "the turn fails with the timeout, saying what happened:\n\(failed.screen)")
        XCTAssertNotEqual(kill(pid, 0), 0, "the command was killed at its timeout")
        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("key-shell$") && !$0.contains("Inspector") }.met)
    }
}
