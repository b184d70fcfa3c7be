import Foundation
import TestSupport
import XCTest

/// Config, store and usage errors each exit with their own status and a one-line message that says what was
/// wrong and what to do; only a usage error prints the usage text.
final class ExitStatusTests: XCTestCase {
    private var home: URL!
    private var environment: [String: String] = [:]

    override func setUpWithError() throws {
        home = try makeTemporaryFolder("parley-exit")
        environment = ParleyBinary.isolatedEnvironment(in: home)
    }

    private func parley(_ arguments: [String]) throws -> CommandResult {
        try ParleyBinary.run(arguments, environment: environment)
    }

    /// The error output as lines, without empty ones.
    private func errorLines(_ result: CommandResult) -> [String] { lines(result.standardError) }

    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testADamagedDatabaseExits74WithoutTheUsage() throws {
        let database = home.appendingPathComponent("damaged.sqlite")
        try Data(repeating: 0x5A, count: 4096).write(to: database)
        let result = try parley(["conversations", "list", "--database", database.path])
        XCTAssertEqual(result.exitCode, 74, result.standardError)
        XCTAssertEqual(errorLines(result), [
            "Error: \(database.path) is not a Parley database or is damaged (file is not a database). "
                + "Move it aside to start fresh, or point PARLEY_DB at another file.",
        ])
        XCTAssertEqual(result.standardOutput, "")
    }

    func testAReadOnlyDatabaseExits74WithoutTheUsage() throws {
        let folder = home.appendingPathComponent("readonly")
        let database = folder.appendingPathComponent("parley.sqlite")
        XCTAssertEqual(try parley(["conversations", "list", "--database", database.path]).exitCode, 0, "the file is made")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let (status, standardError) = try runWithoutRootPrivileges(["conversations", "list", "--database", database.path])
        XCTAssertEqual(status, 74, standardError)
        let errors = lines(standardError)
        XCTAssertEqual(errors.count, 1, standardError)
        XCTAssertTrue(errors.first?.hasPrefix("Error: Cannot write the Parley database at \(database.path)") ?? false, standardError)
        XCTAssertTrue(standardError.contains("Check permissions"), standardError)
        XCTAssertFalse(standardError.contains("Usage:"), standardError)
    }

    func testABrokenConfigExits78WithoutTheUsage() throws {
        let config = home.appendingPathComponent("config/parley/config.yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "profiles:\n  local: [1, 2\n".write(to: config, atomically: true, encoding: .utf8)
        let broken = try parley(["send", "hello"])
        XCTAssertEqual(broken.exitCode, 78, broken.standardError)
        let lines = errorLines(broken)
        XCTAssertEqual(lines, [
            "Error: \(config.path):3:1: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 10)",
            "Fix the file (parley config check shows every problem), or choose another with --config or PARLEY_CONFIG.",
        ])

        try "profiles:\n  local:\n    provider: gpt\n    base_url: http://127.0.0.1:9/v1\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let unknown = try parley(["send", "hello"])
        XCTAssertEqual(unknown.exitCode, 78, unknown.standardError)
        XCTAssertEqual(errorLines(unknown).count, 2, unknown.standardError)
        XCTAssertTrue(unknown.standardError.contains(
            "\(config.path):3:15: error: profile \"local\" has provider \"gpt\", which Parley does not know; known kinds: openai"),
            unknown.standardError)

        try "profiles:\n  local:\n    provider: openai\n    base_url: http://127.0.0.1:9/v1\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let missing = try parley(["send", "--profile", "remote", "hello"])
        XCTAssertEqual(missing.exitCode, 78, missing.standardError)
        XCTAssertEqual(errorLines(missing), ["Error: No profile named \"remote\" (known: local)."])
    }

    func testABadFlagExits64WithTheUsage() throws {
        let result = try parley(["conversations", "list", "--colour"])
        XCTAssertEqual(result.exitCode, 64, result.standardError)
        XCTAssertTrue(result.standardError.hasPrefix("Error: Unknown option '--colour'"), result.standardError)
        XCTAssertTrue(result.standardError.contains("Usage: parley conversations list"), result.standardError)
    }

    func testHelpListsTheExitStatuses() throws {
        let help = try parley(["--help"])
        XCTAssertEqual(help.exitCode, 0)
        let text = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for entry in ["0 done", "1 the run or the server failed", "64 a wrong flag or argument", "74 the database",
                      "78 the config file", "130 cancelled"] {
            XCTAssertTrue(text.contains(entry), "--help names \(entry):\n\(help.standardOutput)")
        }
    }

    /// Runs `parley` as a user who may not write the database: as root (who may write anything) through
    /// `setpriv` as nobody, else as the current user. Returns the exit status and standard error.
    private func runWithoutRootPrivileges(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        guard geteuid() == 0 else {
            let result = try parley(arguments)
            return (result.exitCode, result.standardError)
        }
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let setpriv else { throw XCTSkip("running as root without setpriv: cannot make a file read-only") }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.path)
        let logs = try makeTemporaryFolder("parley-exit-logs")
        let process = try SpawnedProcess(
            executable: setpriv,
            arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", ParleyBinary.path] + arguments,
            environment: environment, logDirectory: logs)
        guard let status = process.waitForExit(timeout: 30) else {
            process.stop()
            throw SpawnError(message: "parley did not exit within 30 s\n\(process.output)")
        }
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                (try? String(contentsOf: process.stderrFile, encoding: .utf8)) ?? "")
    }
}
