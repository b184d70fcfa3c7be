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
            for measure in ["wall (median of 3)", "CPU user+sys", "peak RSS"] {
                XCTAssertNotNil(figure(lines, "burst 300", client, measure), "\(client) \(measure)\n\(lines.joined(separator: "\n"))")
            }
            XCTAssertNotNil(figure(lines, "paced 20", client, "wall"), "a paced stream runs once")
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

    func testPeersPassMeasuresAnInstalledPeerLikeSendAndNamesOnesThatAreMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bin = folder.appendingPathComponent("llm/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // A stand-in for `llm`: takes the arguments the harness gives llm, reads the base URL from the model file
        // the harness wrote, and streams from it with curl, so the reply's last word reaches standard output.
        let fake = """
            #!/bin/sh
            [ "$*" = "-m bench --no-log hi" ] || { echo "unexpected arguments: $*" >&2; exit 2; }
            base=$(sed -n 's/^ *api_base: "\\(.*\\)"$/\\1/p' "$LLM_USER_PATH/extra-openai-models.yaml")
            exec curl -N -s -H 'Content-Type: application/json' -d '{"stream":true}' "$base/chat/completions"

            """
        try fake.write(to: bin.appendingPathComponent("llm"), atomically: true, encoding: .utf8)
        chmod(bin.appendingPathComponent("llm").path, 0o755)

        let (lines, leftovers) = try runBench(
            parley: buildDirectory.appendingPathComponent("parley").path,
            arguments: ["e2e", "--chunks", "300", "--paced", "20", "--peers-dir", folder.path, "--peer", "llm,elia"])
        let output = lines.joined(separator: "\n")
        XCTAssertFalse(lines.contains { $0.contains("FAILED") }, output)
        for scenario in ["burst 300", "paced 20"] {
            for measure in ["wall", "CPU user+sys", "peak RSS"] {
                let value = try XCTUnwrap(figure(lines, scenario, "llm", measure), "\(scenario) llm \(measure)\n\(output)")
                XCTAssertFalse(value.contains("target"), "peers are measured, not judged: \(value)")
            }
        }
        let missing = try XCTUnwrap(figure(lines, "warm-up", "elia", "run"), output)
        XCTAssertTrue(missing.hasPrefix("skipped: not installed"), missing)
        XCTAssertTrue(missing.contains("make bench-peers"), missing)
        XCTAssertNil(figure(lines, "burst 300", "elia", "run"), "a missing peer is named once, not per stream\n\(output)")
        XCTAssertTrue(lines.last?.hasSuffix(" of 6") == true, "the peers add no targets: \(lines.last ?? "")")
        XCTAssertEqual(leftovers, [])
    }

    func testAnUnknownPeerIsRefusedWithTheNamesItTakes() throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: logs) }
        let bench = try SpawnedProcess(
            executable: buildDirectory.appendingPathComponent("parley-bench").path,
            arguments: ["e2e", "--peer", "gptme"], logDirectory: logs)
        XCTAssertEqual(bench.waitForExit(timeout: 30).map { $0 >> 8 }, 2, "exit status 2 for a usage error")
        XCTAssertTrue(bench.output.contains("--peer takes llm, elia or oterm"), bench.output)
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
