import ChatModel
import FixtureServer
import Foundation
import TestSupport
import XCTest

/// Every byte, bounded memory, as a user meets it: text with U+0000 kept whole, events and bodies over a limit
/// refused with a message that says how to raise it, and `replay` timings that neither crash nor hang.
final class BoundsCommandTests: CommandTestCase {
    /// An OpenAI stream whose second chunk carries `size` letters; and a blocking reply of `size` letters.
    private static func scenarios(size: Int) throws -> [Scenario] {
        let letters = String(repeating: "abcdefghij", count: size / 10)
        func chunk(_ content: String) -> JSONValue {
            .object([("data", .string(#"{"choices":[{"index":0,"delta":{"content":"\#(content)"},"finish_reason":null}]}"#))])
        }
        let stream = JSONValue.object([
            ("name", .string("big-event")), ("description", .string("One event of many megabytes.")),
            ("route", .object([("method", .string("POST")), ("path", .string("/v1/chat/completions"))])),
            ("status", .number("200")), ("headers", .object([("Content-Type", .string("text/event-stream"))])),
            ("events", .array([
                chunk("before "), chunk(letters),
                .object([("data", .string(#"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#))]),
                .object([("data", .string("[DONE]"))]),
            ])),
        ])
        let document = JSONValue.object([
            ("name", .string("big-body")), ("description", .string("A blocking reply of many megabytes.")),
            ("route", .object([("method", .string("POST")), ("path", .string("/v1/chat/completions"))])),
            ("status", .number("200")), ("headers", .object([("Content-Type", .string("application/json"))])),
            ("events", .array([.object([("body", .string(
                #"{"choices":[{"index":0,"message":{"role":"assistant","content":"\#(letters)"},"finish_reason":"stop"}]}"#))])])),
        ])
        return [try Scenario(json: stream, source: "big-event"), try Scenario(json: document, source: "big-body")]
    }

    private func startBigServer(size: Int) async throws {
        await server?.stop()
        let library = ScenarioLibrary(scenarios: try ScenarioLibrary.builtIn().scenarios + Self.scenarios(size: size))
        (server, base) = try await RunningFixtureServer.start(library: library)
    }

    private func send(_ arguments: [String], input: [UInt8]? = nil) throws -> CommandResult {
        try ParleyBinary.run(["send"] + arguments, environment: environment, input: input)
    }

    // MARK: U+0000

    func testAPromptWithNULIsStoredTitledShownSearchedAndExportedWhole() throws {
        let prompt = "prompt with \u{0} nul inside"
        let sent = try send(["--base-url", base + "/v1", "-"], input: Array(prompt.utf8))
        XCTAssertEqual(sent.exitCode, 0, sent.standardError)

        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.first?["title"] as? String, prompt, "the title keeps the NUL and what follows it")
        let id = try XCTUnwrap(items.first?["id"] as? String)

        let shown = try parley(["conversations", "show", id])
        XCTAssertEqual(shown.exitCode, 0, shown.standardError)
        XCTAssertTrue(shown.standardOutput.contains("prompt with \u{2400} nul inside"), "shown visibly: \(shown.standardOutput)")

        let found = try parley(["conversations", "search", "inside", "--json"])
        XCTAssertTrue(found.standardOutput.contains(id), "the words after the NUL are searchable: \(found.standardOutput)")

        let exported = try parley(["export", id, "--format", "json"])
        XCTAssertTrue(exported.standardOutput.contains(#"prompt with \u0000 nul inside"#), exported.standardOutput)
    }

    // MARK: Limits

    func testAnEventOverTheLimitEndsTheRunNamesTheLimitAndIsStored() async throws {
        try await startBigServer(size: 3 << 20)
        let url = base + "/scenario/big-event/v1"
        let refused = try send(["--max-event-size", "1M", "--base-url", url, "hi"])
        XCTAssertEqual(refused.exitCode, 1, refused.standardError)
        XCTAssertEqual(refused.standardOutput, "before \n", "what came before the big event is shown")
        XCTAssertTrue(refused.standardError.contains("larger than 1 MiB, Parley's limit (max_event_size)"), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("--max-event-size 256M, or max_event_size: 256M in config.yaml"), refused.standardError)

        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        let id = try XCTUnwrap(items.first?["id"] as? String)
        let shown = try parley(["conversations", "show", id])
        XCTAssertTrue(shown.standardOutput.contains("before"), shown.standardOutput)
        XCTAssertTrue(shown.standardOutput.contains("max_event_size"), "the stored run says what happened: \(shown.standardOutput)")

        let accepted = try send(["--no-store", "--max-event-size", "4M", "--base-url", url, "hi"])
        XCTAssertEqual(accepted.exitCode, 0, accepted.standardError)
        XCTAssertEqual(accepted.standardOutput.utf8.count, "before ".utf8.count + (3 << 20) / 10 * 10 + 1)
    }

    func testTheConfigFileSetsTheLimitsAndAFlagOverridesIt() async throws {
        try await startBigServer(size: 2 << 20)
        let config = try makeTemporaryFolder("parley-config").appendingPathComponent("config.yaml")
        try "max_event_size: 1M\nmax_body_size: 512K\n".write(to: config, atomically: true, encoding: .utf8)
        environment["PARLEY_CONFIG"] = config.path

        let event = try send(["--no-store", "--base-url", base + "/scenario/big-event/v1", "hi"])
        XCTAssertEqual(event.exitCode, 1)
        XCTAssertTrue(event.standardError.contains("larger than 1 MiB"), event.standardError)
        let body = try send(["--no-store", "--no-stream", "--base-url", base + "/scenario/big-body/v1", "hi"])
        XCTAssertEqual(body.exitCode, 1)
        XCTAssertTrue(body.standardError.contains("The response from 127.0.0.1:"), body.standardError)
        XCTAssertTrue(body.standardError.contains("larger than 512 KiB, Parley's limit (max_body_size)"), body.standardError)
        XCTAssertTrue(body.standardError.contains("--max-body-size"), body.standardError)

        let raised = try send(["--no-store", "--no-stream", "--max-body-size", "3MiB", "--base-url", base + "/scenario/big-body/v1", "hi"])
        XCTAssertEqual(raised.exitCode, 0, raised.standardError)
        XCTAssertEqual(raised.standardOutput.utf8.count, (2 << 20) / 10 * 10 + 1)

        try "max_event_size: lots\n".write(to: config, atomically: true, encoding: .utf8)
        let bad = try send(["--no-store", "--base-url", base + "/v1", "hi"])
        XCTAssertNotEqual(bad.exitCode, 0)
        XCTAssertTrue(bad.standardError.contains("max_event_size must be a size such as 16M, 512K or 1G (got \"lots\")"), bad.standardError)
    }

    func testAnUnreadableSizeFlagIsRefusedBeforeAnythingIsSent() throws {
        let result = try send(["--no-store", "--max-event-size", "12 parsecs", "--base-url", base + "/v1", "hi"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.standardError.contains("--max-event-size must be a size such as 16M"), result.standardError)
        XCTAssertTrue(server?.receivedRequests.isEmpty ?? false)
    }

    func testACompanionReplyOverTheBodyLimitIsRefusedWithTheSameMessage() throws {
        let result = try parley([
            "app", "--provider", "dify", "--base-url", base + "/v1", "--api-key-env", "HOME", "--max-body-size", "16",
        ])
        XCTAssertNotEqual(result.exitCode, 0, result.standardOutput)
        XCTAssertTrue(result.standardError.contains("larger than 16 bytes, Parley's limit (max_body_size)"), result.standardError)
    }

    // MARK: replay timing

    private func recording(times: [String]) throws -> String {
        var lines = [
            #"{"format":"parley.recording","version":1,"request":{"method":"POST","url":"http://127.0.0.1:9/v1/chat/completions","headers":[],"body":""},"response":{"status":200,"headers":[["Content-Type","text/event-stream"]],"t":0.01}}"#,
        ]
        let pieces = [
            #"data: {"choices":[{"index":0,"delta":{"content":"slow"},"finish_reason":null}]}"# + "\n\n",
            #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n",
        ]
        var offset = 0
        for (time, piece) in zip(times, pieces) {
            lines.append(#"{"t":\#(time),"offset":\#(offset),"kind":"event","bytes":"\#(Data(piece.utf8).base64EncodedString())"}"#)
            offset += piece.utf8.count
        }
        let path = try makeTemporaryFolder("parley-replay").appendingPathComponent("slow.parley-recording").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testReplayRefusesSpeedsOutsideItsRange() throws {
        let path = try recording(times: ["0.1", "0.2"])
        for speed in ["1e-12", "0.001", "1e300", "5000", "0", "-1", "nan"] {
            let result = try parley(["replay", "--provider", "openai", "--speed=\(speed)", path])
            XCTAssertEqual(result.exitCode, 64, "--speed \(speed): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("--speed must be between 0.01 and 1000"), "\(speed): \(result.standardError)")
        }
        let fast = try parley(["replay", "--provider", "openai", "--speed", "1000", path])
        XCTAssertEqual(fast.exitCode, 0, fast.standardError)
        XCTAssertEqual(fast.standardOutput, "slow\n")
    }

    func testReplayCapsWaitsThatNoClockCouldSleepAndSaysSo() throws {
        for time in ["1e300", "1e10"] {
            let path = try recording(times: ["0.01", time])
            let result = try parley(["replay", "--provider", "openai", "--timing", "--max-gap", "0.05", path])
            XCTAssertEqual(result.exitCode, 0, "t \(time): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "slow\n")
            XCTAssertTrue(
                result.standardError.contains("piece 2 of \(path) would wait"), "t \(time): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("waits are capped at 0.05 s (--max-gap)"), result.standardError)
        }
        let path = try recording(times: ["0.01", "0.02"])
        let untouched = try parley(["replay", "--provider", "openai", "--timing", path])
        XCTAssertEqual(untouched.standardError, "", "ordinary gaps are replayed as they were, without a note")
        let badGap = try parley(["replay", "--provider", "openai", "--timing", "--max-gap=-1", path])
        XCTAssertEqual(badGap.exitCode, 64)
        XCTAssertTrue(badGap.standardError.contains("--max-gap must be between 0 and 3600 seconds"), badGap.standardError)
    }
}
