import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `api_key_command` runs without the terminal: no input, its standard error captured, and a time limit.
final class KeyCommandTests: CommandTestCase {
    private var home: URL { URL(fileURLWithPath: environment["HOME"]!) }

    private func writeProfile(command: String, timeout: String? = nil) throws {
        let config = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!).appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let escaped = command.replacingOccurrences(of: "'", with: "''")
        try """
            profiles:
              tokens:
                provider: openai
                base_url: \(base)/v1
                api_key_command: '\(escaped)'
            \(timeout.map { "    api_key_command_timeout: \($0)" } ?? "")
            """.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    func testACommandThatHangsIsKilledAtItsTimeoutWithAClearMessage() throws {
        let pidFile = home.appendingPathComponent("command.pid").path
        try writeProfile(command: "echo $$ > \(pidFile); exec sleep 300", timeout: "0.5")
        let result = try parley(["send", "--no-store", "--profile", "tokens", "hello"])
        XCTAssertEqual(result.exitCode, 78, "a profile whose key cannot be had is a config failure: \(result.standardError)")
        XCTAssertFalse(result.standardError.contains("Usage:"), result.standardError)
        XCTAssertTrue(
            result.standardError.contains("api_key_command did not finish within 0.5 s and was stopped"), result.standardError)
        XCTAssertTrue(result.standardError.contains("api_key_command_timeout"), "says how to raise it: \(result.standardError)")
        let pid = try XCTUnwrap(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(pid, 0), -1, "the command was killed, not left running")
        XCTAssertEqual(server?.receivedRequests.count, 0, "no request without a key")
    }

    func testAFailingCommandsStandardErrorIsInTheMessage() throws {
        try writeProfile(command: "echo 'token service unreachable: try vpn' >&2; exit 3")
        let result = try parley(["send", "--no-store", "--profile", "tokens", "hello"])
        XCTAssertEqual(result.exitCode, 78, "a profile whose key cannot be had is a config failure: \(result.standardError)")
        XCTAssertFalse(result.standardError.contains("Usage:"), result.standardError)
        XCTAssertTrue(result.standardError.contains("api_key_command exited with status 3"), result.standardError)
        XCTAssertTrue(result.standardError.contains("token service unreachable: try vpn"), result.standardError)
    }

    func testTheCommandReadsEndOfFileEvenWhenParleyHasInput() throws {
        try writeProfile(command: #"if read line; then echo "read: $line" >&2; exit 1; fi; echo tok-from-command"#)
        let input = home.appendingPathComponent("input.txt")
        try "a line the command must not see\n".write(to: input, atomically: true, encoding: .utf8)
        let process = try SpawnedProcess(
            executable: "/bin/sh",
            arguments: ["-c", "exec \"$0\" send --no-store --profile tokens hello < \"$1\"", ParleyBinary.path, input.path],
            environment: environment, logDirectory: home.appendingPathComponent("logs"))
        let status = try XCTUnwrap(process.waitForExit(timeout: 30), process.output)
        XCTAssertEqual(status, 0, process.output)
        XCTAssertEqual(server?.receivedRequests.last?.header("Authorization"), "Bearer tok-from-command")
    }

    func testATimeoutOutsideItsRangeIsAConfigError() throws {
        try writeProfile(command: "echo key", timeout: "0")
        let result = try parley(["send", "--no-store", "--profile", "tokens", "hello"])
        XCTAssertEqual(result.exitCode, 78, "a profile whose key cannot be had is a config failure: \(result.standardError)")
        XCTAssertFalse(result.standardError.contains("Usage:"), result.standardError)
        XCTAssertTrue(result.standardError.contains("api_key_command_timeout"), result.standardError)
    }
}
