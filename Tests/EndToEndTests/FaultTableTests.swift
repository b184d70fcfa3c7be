import Foundation
import TestSupport
import XCTest

/// `parley-bench faults` judges rows: a `parley` that shrugs every fault off (and prints the key) is marked below
/// the bar with the reasons, the real one meets the bar on faults it handles, and `--readme` rewrites only the
/// marked table.
final class FaultTableTests: XCTestCase {
    private var buildDirectory: URL { Fixtures.packageRoot.appendingPathComponent(".build/debug") }
    private var folder: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("GNU time is not installed") }
        let bench = buildDirectory.appendingPathComponent("parley-bench").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: bench), "build parley-bench first: \(bench)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-fault-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func testAParleyThatIgnoresFaultsGetsBadRowsWithTheReasons() throws {
        let fake = folder.appendingPathComponent("parley").path
        try "#!/bin/sh\necho all is well >&2\necho \"key: $PARLEY_FAULT_KEY\" >&2\nexit 0\n"
            .write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let readme = folder.appendingPathComponent("README.md").path
        let begin = "<!-- fault-table:begin (make faults writes this table; do not edit by hand) -->"
        let end = "<!-- fault-table:end -->"
        try "# Title\n\nbefore\n\(begin)\nold table\n\(end)\nafter\n".write(toFile: readme, atomically: true, encoding: .utf8)

        let lines = try runFaults(parley: fake, faults: ["refused", "drip"], extra: ["--readme", readme])
        let refused = try XCTUnwrap(row(lines, "connection refused"), lines.joined(separator: "\n"))
        XCTAssertTrue(refused.contains("| all is well |"), refused)
        XCTAssertTrue(refused.contains("**BAD**"), refused)
        XCTAssertTrue(refused.contains("exit 0, not 1"), refused)
        XCTAssertTrue(refused.contains("no message names 127.0.0.1:"), refused)
        XCTAssertTrue(refused.contains("no message says what to check"), refused)
        XCTAssertTrue(refused.contains("not stored as failed"), refused)
        XCTAssertTrue(refused.contains("the key is on stderr"), refused)
        let drip = try XCTUnwrap(row(lines, "one byte at a time"), lines.joined(separator: "\n"))
        XCTAssertTrue(drip.contains("**BAD**: not stored complete"), drip)
        XCTAssertTrue(lines.contains("fault table: 0 of 2 rows meet the bar, 2 below it"), lines.joined(separator: "\n"))

        let written = try String(contentsOfFile: readme, encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("# Title\n\nbefore\n\(begin)\n| fault | provider |"), written)
        XCTAssertTrue(written.hasSuffix("0 of 2 rows meet the bar; 2 below it.\n\(end)\nafter\n"), written)
        XCTAssertFalse(written.contains("old table"), written)
    }

    func testTheRealParleyMeetsTheBarOnARefusedConnectionAndAnHTTPError() throws {
        let lines = try runFaults(
            parley: buildDirectory.appendingPathComponent("parley").path, faults: ["refused", "http-500-json"], extra: [])
        for title in ["connection refused", "HTTP 500, JSON body"] {
            let line = try XCTUnwrap(row(lines, title), lines.joined(separator: "\n"))
            XCTAssertTrue(line.range(of: #" \| 1 \| [0-9.]+ s \| failed, 0 B \| "#, options: .regularExpression) != nil, line)
            XCTAssertTrue(line.hasSuffix(" | ok |"), line)
        }
    }

    /// Runs the harness on some faults for the openai kind; returns its output lines.
    private func runFaults(parley: String, faults: [String], extra: [String]) throws -> [String] {
        let logs = folder.appendingPathComponent("logs")
        let bench = try SpawnedProcess(
            executable: buildDirectory.appendingPathComponent("parley-bench").path,
            arguments: ["--parley", parley, "faults", "--kind", "openai"] + faults.flatMap { ["--only", $0] } + extra,
            logDirectory: logs)
        guard let status = bench.waitForExit(timeout: 120) else {
            bench.stop()
            throw SpawnError(message: "parley-bench faults did not finish within 120 s\n\(bench.output)")
        }
        XCTAssertEqual(status, 0, bench.output)
        return bench.outputLines
    }

    private func row(_ lines: [String], _ title: String) -> String? {
        lines.first { $0.hasPrefix("| \(title) | openai |") }
    }
}
