import Foundation
import TestSupport
import XCTest

/// `parley-bench e2e` measures a small stream end to end and leaves no folder, tmux socket or process behind.
final class BenchHarnessTests: XCTestCase {
    private var buildDirectory: URL { Fixtures.packageRoot.appendingPathComponent(".build/debug") }

    override func setUpWithError() throws {
        for tool in ["tmux", "curl"] where !isOnPath(tool) { throw XCTSkip("\(tool) is not installed") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("GNU time is not installed") }
        let bench = buildDirectory.appendingPathComponent("parley-bench").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: bench), "build parley-bench first: \(bench)")
    }

    func testSmallBurstAndPacedStreamsReachTheScreenAndEveryFigureIsPrinted() throws {
        let (lines, leftovers) = try runBench(parley: buildDirectory.appendingPathComponent("parley").path)
        XCTAssertFalse(lines.contains { $0.contains("FAILED") }, lines.joined(separator: "\n"))
        for client in ["curl", "send --no-store", "send --no-store --jsonl", "send (stores)"] {
            for measure in ["wall", "CPU user+sys", "peak RSS"] {
                XCTAssertNotNil(figure(lines, "burst 300", client, measure), "\(client) \(measure)\n\(lines.joined(separator: "\n"))")
            }
        }
        let screen = try XCTUnwrap(figure(lines, "burst 300", "workbench", "Enter to last word on screen"))
        XCTAssertTrue(screen.hasSuffix(" s"), "the last word reached the screen: \(screen)")
        XCTAssertNotNil(figure(lines, "burst 300", "workbench", "key latency worst"))
        XCTAssertTrue(try XCTUnwrap(figure(lines, "paced 20", "workbench", "CPU Enter to last word")).contains("target < 0.3 s"))
        for client in ["send --no-store", "send (stores)"] {
            XCTAssertTrue(try XCTUnwrap(figure(lines, "paced 20", client, "CPU user+sys")).contains("target < 0.15 s"), client)
        }
        XCTAssertEqual(leftovers, [])
    }

    func testAParleyThatFailsIsReportedAsFailedRunsAndCleanedUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("parley").path
        try "#!/bin/sh\necho broken parley >&2\nexit 3\n".write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)

        let (lines, leftovers) = try runBench(parley: fake)
        let failures = lines.filter { $0.contains("FAILED") }
        XCTAssertEqual(failures.count, 8, lines.joined(separator: "\n"))
        XCTAssertTrue(failures.allSatisfy { $0.contains("broken parley") }, failures.joined(separator: "\n"))
        XCTAssertEqual(leftovers, [])
    }

    func testBigEventPrintsPeakMemoryForEachReplyAndClient() throws {
        let (lines, leftovers) = try runBench(
            parley: buildDirectory.appendingPathComponent("parley").path, arguments: ["bigevent", "2"])
        XCTAssertFalse(lines.contains { $0.contains("FAILED") }, lines.joined(separator: "\n"))
        for scenario in ["event 2 MiB", "doc 2 MiB"] {
            for client in ["send --no-store", "send (stores)"] {
                let peak = try XCTUnwrap(figure(lines, scenario, client, "peak RSS"), "\(scenario) \(client)\n\(lines.joined(separator: "\n"))")
                XCTAssertTrue(peak.hasSuffix(" MB"), peak)
            }
        }
        XCTAssertEqual(lines.last, "big-reply targets met: 0 of 0", "the target is judged at 20 MiB only")
        XCTAssertEqual(leftovers, [])
    }

    /// Runs `parley-bench e2e` on 300 burst and 20 paced chunks (or `arguments`); returns its lines and what it
    /// left behind.
    private func runBench(
        parley: String, arguments: [String] = ["e2e", "--chunks", "300", "--paced", "20"]
    ) throws -> (lines: [String], leftovers: [String]) {
        let before = Set(leftoverCandidates())
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: logs) }
        let bench = try SpawnedProcess(
            executable: buildDirectory.appendingPathComponent("parley-bench").path,
            arguments: ["--parley", parley] + arguments, logDirectory: logs)
        guard let status = bench.waitForExit(timeout: 180) else {
            bench.stop()
            throw SpawnError(message: "parley-bench \(arguments[0]) did not finish within 180 s\n\(bench.output)")
        }
        XCTAssertEqual(status, 0, bench.output)
        let leftovers = leftoverCandidates().filter { !before.contains($0) }
        return (bench.outputLines, leftovers)
    }

    /// The benchmark's temporary folders and tmux sockets that exist now.
    private func leftoverCandidates() -> [String] {
        let temporary = FileManager.default.temporaryDirectory.path
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [])
            .filter { $0.hasPrefix("parley-bench-e2e-") || $0.hasPrefix("parley-bench-big-") }.map { "\(temporary)/\($0)" }
        let sockets = "/tmp/tmux-\(getuid())"
        let servers = ((try? FileManager.default.contentsOfDirectory(atPath: sockets)) ?? [])
            .filter { $0.hasPrefix("parley-bench-") }.map { "\(sockets)/\($0)" }
        return folders + servers
    }

    /// The rest of the line for one figure, from its value on.
    private func figure(_ lines: [String], _ scenario: String, _ client: String, _ measure: String) -> String? {
        for line in lines {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            let prefix = "\(scenario) \(client) \(measure) "
            if columns.hasPrefix(prefix) { return String(columns.dropFirst(prefix.count)) }
        }
        return nil
    }

    private func isOnPath(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }
}
