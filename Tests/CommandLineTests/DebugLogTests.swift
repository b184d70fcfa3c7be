import Foundation
import TestSupport
import XCTest

/// `--log-file` and `--verbose` write what a bug report needs (requests, response heads, timings, errors)
/// and never the key.
final class DebugLogTests: CommandTestCase {
    private let key = "sk-debuglog-5e1f0c7d9a"

    private func logFile() -> String {
        URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("parley.log").path
    }

    func testTheLogFileHasTheRequestTheResponseHeadAndTimingsButNotTheKey() throws {
        environment["DEBUG_KEY"] = key
        let result = try parley([
            "send", "--log-file", logFile(), "--base-url", base + "/v1", "--api-key-env", "DEBUG_KEY", "hello",
        ])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let log = try String(contentsOfFile: logFile(), encoding: .utf8)
        XCTAssertTrue(log.contains("POST \(base)/v1/chat/completions"), log)
        XCTAssertTrue(log.contains("Authorization: Bearer [redacted]"), log)
        XCTAssertTrue(log.contains("HTTP 200 after"), log)
        XCTAssertTrue(log.contains("text/event-stream"), "response headers: \(log)")
        XCTAssertTrue(log.contains("done after"), log)
        XCTAssertFalse(log.contains(key), "the key must never reach the log")
        XCTAssertFalse(result.standardError.contains("HTTP 200"), "with a file only, standard error stays quiet")
        let mode = try FileManager.default.attributesOfItem(atPath: logFile())[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600, "the log is readable by its owner alone")
    }

    func testVerboseWritesTheLogWithTheRedactedBodyToStandardErrorFromAnywhereOnTheLine() throws {
        environment["DEBUG_KEY"] = key
        let result = try parley(["--verbose", "send", "--base-url", base + "/v1", "--api-key-env", "DEBUG_KEY", "hello there"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("POST \(base)/v1/chat/completions"), result.standardError)
        XCTAssertTrue(result.standardError.contains("hello there"), "the request body with --verbose: \(result.standardError)")
        XCTAssertFalse((result.standardOutput + result.standardError).contains(key))
    }

    func testAFailedCallIsLoggedWithItsError() throws {
        let port = try LoopbackPort.free()
        let result = try parley(["send", "--no-store", "--log-file", logFile(), "--base-url", "http://127.0.0.1:\(port)/v1", "hello"])
        XCTAssertEqual(result.exitCode, 1)
        let log = try String(contentsOfFile: logFile(), encoding: .utf8)
        XCTAssertTrue(log.contains("failed after") && log.contains("Could not connect"), log)
    }

    func testTheWorkbenchNeedsALogFileForVerbose() throws {
        let result = try parley(["--verbose"])
        XCTAssertEqual(result.exitCode, 64, result.standardError)
        XCTAssertTrue(result.standardError.contains("--log-file"), result.standardError)
    }
}
