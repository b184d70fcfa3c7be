import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `parley export` and `parley replay` of recordings: what a stream carried comes back the same, with its timing.
final class ExportReplayTests: CommandTestCase {
    private var home: URL { URL(fileURLWithPath: environment["HOME"]!) }

    /// Sends one prompt with `--jsonl` and returns its output and the id of the stored conversation.
    private func send(_ prompt: String, conversation: String? = nil) throws -> (events: [String], id: String) {
        let result = try parley(["send", "--base-url", base + "/v1", "--jsonl"] + (conversation.map { ["--conversation", $0] } ?? []) + [prompt])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        return (result.lines, try XCTUnwrap(items.first?["id"] as? String))
    }

    private func exportRecording(_ id: String, name: String = "reply.parley-recording") throws -> (path: String, duration: Double) {
        let export = try parley(["export", id, "--format", "raw"])
        XCTAssertEqual(export.exitCode, 0, export.standardError)
        XCTAssertTrue(export.lines.first?.hasPrefix(#"{"format":"parley.recording","#) ?? false, export.standardOutput)
        let path = home.appendingPathComponent(name).path
        try export.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
        let last = try XCTUnwrap(export.lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        return (path, try XCTUnwrap(last["t"] as? Double))
    }

    func testReplayOfAnExportedRecordingGivesTheSameEvents() throws {
        let (events, id) = try send("what's the weather?")
        XCTAssertTrue(events.contains { $0.contains(#""kind":"tool_call""#) }, "a stream worth comparing: \(events)")
        let (path, _) = try exportRecording(id)
        let replay = try parley(["replay", "--provider", "openai", "--jsonl", path])
        XCTAssertEqual(replay.exitCode, 0, replay.standardError)
        XCTAssertEqual(replay.lines, events)
        let sse = try parley(["replay", "--provider", "sse", "--jsonl", path])
        XCTAssertEqual(sse.lines.last, #"{"type":"sse","event":"message","data":"[DONE]","id":null}"#)
    }

    func testTimingReplaysAsLongAsTheOriginalAndSpeedScalesIt() throws {
        let (_, id) = try send("hello")
        let (path, duration) = try exportRecording(id)
        XCTAssertGreaterThan(duration, 0.5, "the demo reply streams for about a second")
        func timed(_ options: [String]) throws -> (seconds: Double, output: String) {
            let start = Date()
            let result = try parley(["replay", "--provider", "openai"] + options + [path])
            XCTAssertEqual(result.exitCode, 0, result.standardError)
            return (Date().timeIntervalSince(start), result.standardOutput)
        }
        let instant = try timed([])
        let original = try timed(["--timing"])
        let doubled = try timed(["--speed", "2"])
        XCTAssertEqual(original.output, instant.output)
        XCTAssertEqual(doubled.output, instant.output)
        XCTAssertTrue(instant.output.hasPrefix("Hello! You asked: “hello”."), instant.output)
        XCTAssertGreaterThanOrEqual(original.seconds, duration, "--timing waits as the stream did")
        XCTAssertGreaterThanOrEqual(doubled.seconds, duration / 2, "--speed 2 still waits, half as long")
    }

    /// The same recording stretched to last minutes plays through at the fastest speed (1000), which brings
    /// it back to about a second; played at its own pace it could not end before the command's deadline. No
    /// two timed runs, each with a process start, are compared.
    func testSpeedDividesTheWaits() throws {
        let (_, id) = try send("hello")
        let (path, duration) = try exportRecording(id)
        let stretch = 1_000.0
        let stretched = home.appendingPathComponent("stretched.parley-recording").path
        try stretchedRecording(path, by: stretch).write(toFile: stretched, atomically: true, encoding: .utf8)
        XCTAssertGreaterThan(duration * stretch, 300, "played at its own pace it would take over five minutes")
        let result = try parley(["replay", "--provider", "openai", "--speed", "\(Int(stretch))", stretched])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("Hello! You asked: “hello”."), result.standardOutput)
    }

    /// The recording at `path` with every time multiplied by `factor`.
    private func stretchedRecording(_ path: String, by factor: Double) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        return try lines.map { line -> String in
            guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let t = object["t"] as? Double
            else { return String(line) }
            object["t"] = t * factor
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    func testTimingNeedsARecording() throws {
        let capture = Fixtures.directory.appendingPathComponent("openai/fakellm-text.sse").path
        let result = try parley(["replay", "--provider", "openai", "--timing", capture])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.standardError.contains("carries no timing; --timing and --speed need a Parley recording"), result.standardError)
        let bad = try parley(["replay", "--provider", "openai", "--speed", "0", capture])
        XCTAssertEqual(bad.exitCode, 64)
        XCTAssertTrue(bad.standardError.contains("--speed must be between 0.01 and 1000"), bad.standardError)
    }

    func testSeveralRunsAreWrittenAsNumberedFiles() throws {
        let (_, id) = try send("hello")
        _ = try send("and again", conversation: String(id.prefix(8)))
        let directory = home.appendingPathComponent("out").path
        let export = try parley(["export", id, "--format", "raw", "--output", directory])
        XCTAssertEqual(export.exitCode, 0, export.standardError)
        let names = ["\(id.prefix(8))-1.parley-recording", "\(id.prefix(8))-2.parley-recording"]
        XCTAssertEqual(export.standardError, "parley: wrote 2 recordings to \(directory): \(names.joined(separator: ", "))\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), names)
        let second = try parley(["replay", "--provider", "openai", (directory as NSString).appendingPathComponent(names[1])])
        XCTAssertTrue(second.standardOutput.hasPrefix("Hello! You asked: “and again”."), second.standardOutput)
    }

    func testMarkdownAndJSONExports() throws {
        let (_, id) = try send("hello")
        let markdown = try parley(["export", String(id.prefix(8))])
        XCTAssertTrue(markdown.standardOutput.hasPrefix("# hello\n\n- Provider: openai\n"), markdown.standardOutput)
        XCTAssertTrue(markdown.standardOutput.contains("**Usage**: 24 prompt, 38 completion, 62 total tokens"))
        let file = home.appendingPathComponent("c.json").path
        let json = try parley(["export", id, "--format", "json", "--output", file])
        XCTAssertEqual(json.standardError, "parley: wrote \(file)\n")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        XCTAssertEqual(document["format"] as? String, "parley.conversation")
        XCTAssertEqual((document["messages"] as? [Any])?.count, 2)
    }

    /// An output file that cannot be written is not a usage mistake: status 73, one line naming it, no usage.
    func testAnOutputThatCannotBeWrittenExits73() throws {
        let (_, id) = try send("hello")
        let blocker = home.appendingPathComponent("a-file").path
        try "not a folder".write(toFile: blocker, atomically: true, encoding: .utf8)
        let result = try parley(["export", id, "--format", "json", "--output", blocker + "/c.json"])
        XCTAssertEqual(result.exitCode, 73, result.standardError)
        XCTAssertEqual(result.standardError, "Error: Cannot write \(blocker)/c.json: check that its directory exists and is writable.\n")
        let raw = try parley(["export", id, "--format", "raw", "--output", blocker + "/sub/"])
        XCTAssertEqual(raw.exitCode, 73, raw.standardError)
        XCTAssertFalse(raw.standardError.contains("Usage:"), raw.standardError)
    }

    func testPulledConversationHasNoStreamsToExport() throws {
        _ = try parley(["conversations", "pull", "--provider", "helix", "--base-url", base])
        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        let id = try XCTUnwrap(items.first?["id"] as? String)
        let result = try parley(["export", id, "--format", "raw"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.standardError.contains("has no recorded streams"), result.standardError)
    }
}
