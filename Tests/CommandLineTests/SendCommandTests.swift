import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `parley send` end to end: the real binary, real libcurl, a real server on loopback.
final class SendCommandTests: XCTestCase {
    private var server: FixtureServer?
    private var base = ""

    override func setUp() async throws {
        let (server, base) = try await RunningFixtureServer.start()
        self.server = server
        self.base = base
    }

    override func tearDown() async throws {
        await server?.stop()
    }

    func testStreamsTheAnswerToStandardOutput() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base + "/v1", "hello", "there"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("You asked: “hello there”"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.hasSuffix("\n"))
        XCTAssertTrue(result.standardError.hasPrefix("parley: conversation "), "only the hint to continue: \(result.standardError)")
        XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        let sent = try XCTUnwrap(server?.receivedRequests.last)
        XCTAssertEqual(sent.path, "/v1/chat/completions")
        XCTAssertTrue(sent.bodyText.contains(#""stream":true"#), sent.bodyText)
    }

    func testNoStreamAsksForOneBlockingReply() throws {
        let result = try ParleyBinary.run(["send", "--no-stream", "--no-store", "--base-url", base + "/v1", "hello"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "A blocking reply to “hello”, in one document.\n")
        let sent = try XCTUnwrap(server?.receivedRequests.last)
        XCTAssertTrue(sent.bodyText.contains(#""stream":false"#), sent.bodyText)
        XCTAssertFalse(sent.bodyText.contains("stream_options"), sent.bodyText)
    }

    func testNoStreamAsksDifyForBlockingModeAndShowsWhyAnAgentAppRefuses() throws {
        let blocking = try ParleyBinary.run([
            "send", "--no-stream", "--no-store", "--provider", "dify", "--base-url", base + "/v1", "--api-key-env", "HOME", "hi",
        ])
        XCTAssertEqual(blocking.exitCode, 0, blocking.standardError)
        XCTAssertTrue(blocking.standardOutput.contains("A blocking reply to “hi”"), blocking.standardOutput)
        let sent = try XCTUnwrap(server?.receivedRequests.last)
        XCTAssertTrue(sent.bodyText.contains(#""response_mode":"blocking""#), sent.bodyText)
        XCTAssertEqual(sent.headers.first { $0.name.lowercased() == "accept" }?.value, "application/json")

        let refused = try ParleyBinary.run([
            "send", "--no-stream", "--no-store", "--provider", "dify", "--base-url",
            base + "/scenario/dify-agent-blocking-refused/v1", "--api-key-env", "HOME", "hi",
        ])
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertTrue(refused.standardError.contains("Agent Chat App does not support blocking mode"), refused.standardError)
    }

    func testATurnEndsAtItsEndMarkerEvenWhenTheServerKeepsTheConnectionOpen() throws {
        let result = try ParleyBinary.run(
            ["send", "--no-store", "--idle-timeout", "600", "--base-url", base + "/v1", "please keep open"], timeout: 30)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "Done already.\n", "the turn ended at [DONE], not at an idle timeout")
    }

    func testPricesAreTheExactTextTheServerSent() throws {
        let result = try ParleyBinary.run([
            "send", "--jsonl", "--no-store", "--provider", "dify", "--base-url", base + "/v1", "--api-key-env", "HOME", "hi",
        ])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let usage = try XCTUnwrap(result.lines.first { $0.hasPrefix(#"{"type":"usage""#) }, result.standardOutput)
        XCTAssertTrue(usage.contains(#""total_price":"0.0016100""#), "as a string, trailing zeros kept: \(usage)")
    }

    func testARefusedKeyNamesWhereTheKeyCameFromButNeverTheKey() throws {
        let home = try makeTemporaryFolder("parley-test")
        let result = try ParleyBinary.run(
            ["send", "--no-store", "--provider", "dify", "--base-url", base + "/v1", "--api-key-env", "PARLEY_TEST_KEY", "unauthorized"],
            environment: ParleyBinary.isolatedEnvironment(in: home, ["PARLEY_TEST_KEY": "app-secret-123"]))
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.contains("HTTP 401"), result.standardError)
        XCTAssertTrue(result.standardError.contains("(from 127.0.0.1:"), "names the host: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains("The key came from the environment variable PARLEY_TEST_KEY"), result.standardError)
        XCTAssertFalse(result.standardError.contains("app-secret-123"), "never the key")
    }

    func testJSONLinesCarryToolCallsUsageAndFinish() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base + "/v1", "--jsonl", "what's the weather?"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let completed = result.lines.filter { $0.contains(#""kind":"tool_call""#) && $0.contains(#""completed""#) }
        XCTAssertEqual(completed.count, 2, result.standardOutput)
        XCTAssertTrue(completed[0].contains(#""input":"{\"city\": \"Tórshavn\"}""#), completed[0])
        XCTAssertTrue(result.lines.contains(#"{"type":"usage","prompt_tokens":82,"completion_tokens":31,"total_tokens":113}"#))
        XCTAssertEqual(result.lines.last, #"{"type":"finished","reason":"tool_calls"}"#)
    }

    func testHTTPErrorExitsOneWithTheServersMessage() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base + "/v1", "please error"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.hasPrefix("parley: HTTP 500"), result.standardError)
        XCTAssertFalse(result.standardError.contains("continue with"), "a turn refused before any reply has nothing to continue")
    }

    func testStallHitsTheIdleTimeoutAndKeepsWhatArrived() throws {
        let result = try ParleyBinary.run([
            "send", "--base-url", base + "/scenario/openai-stall/v1", "--idle-timeout", "0.5", "--jsonl", "hi",
        ])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.lines.contains { $0.hasPrefix(#"{"type":"text""#) }, "text before the stall is kept")
        XCTAssertTrue(result.lines.last?.contains("idle timeout") ?? false, result.standardOutput)
    }

    func testResetMidStreamIsAnInterruption() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base + "/scenario/openai-reset/v1", "--jsonl", "hi"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.lines.last?.hasPrefix(#"{"type":"failed","kind":"interrupted""#) ?? false, result.standardOutput)
    }

    func testRefusedConnectionSaysWhatToCheck() throws {
        let port = try LoopbackPort.free()
        let result = try ParleyBinary.run(["send", "--base-url", "http://127.0.0.1:\(port)/v1", "hi"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.contains("Could not connect to 127.0.0.1:\(port)"), result.standardError)
        XCTAssertFalse(result.standardError.contains("continue with"), "a refused turn has no conversation to continue")
    }

    func testMissingEndpointAndBadURLAreUsageErrors() throws {
        let none = try ParleyBinary.run(["send", "hi"])
        XCTAssertEqual(none.exitCode, 64)
        XCTAssertTrue(none.standardError.contains("No endpoint"), none.standardError)
        let bad = try ParleyBinary.run(["send", "--base-url", "127.0.0.1:8080", "hi"])
        XCTAssertEqual(bad.exitCode, 64)
        XCTAssertTrue(bad.standardError.contains("must start with http://"), bad.standardError)
    }

    func testAConversationIsContinuedOnlyThroughItsOwnProfile() throws {
        var environment = ParleyBinary.isolatedEnvironment(in: try makeTemporaryFolder("parley-test"))
        let config = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("p.yaml")
        try """
            profiles:
              alice:
                provider: openai
                base_url: \(base)/v1
              bob:
                provider: openai
                base_url: \(base)/v1
            """.write(to: config, atomically: true, encoding: .utf8)
        environment["PARLEY_CONFIG"] = config.path
        let first = try ParleyBinary.run(["send", "--profile", "alice", "hello"], environment: environment)
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        let hint = try XCTUnwrap(first.standardError.split(separator: "\n").first { $0.hasPrefix("parley: conversation ") })
        let id = String(hint.split(separator: " ")[2])
        let sent = server?.receivedRequests.count
        let other = try ParleyBinary.run(["send", "--profile", "bob", "--conversation", id, "again"], environment: environment)
        XCTAssertEqual(other.exitCode, 64)
        XCTAssertTrue(other.standardError.contains("belongs to profile alice; continue it with --profile alice"), other.standardError)
        XCTAssertEqual(server?.receivedRequests.count, sent, "nothing is sent to the wrong app")
        let own = try ParleyBinary.run(["send", "--profile", "alice", "--conversation", id, "again"], environment: environment)
        XCTAssertEqual(own.exitCode, 0, own.standardError)
    }

    func testProfileFromConfigFile() throws {
        var environment = ParleyBinary.isolatedEnvironment(in: try makeTemporaryFolder("parley-test"), ["DEMO_KEY": "sk-from-env"])
        let config = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("p.yaml")
        try """
            default: local
            profiles:
              local:
                provider: openai
                base_url: \(base)/v1
                model: my-model
                api_key_env: DEMO_KEY
            """.write(to: config, atomically: true, encoding: .utf8)
        environment["PARLEY_CONFIG"] = config.path
        let result = try ParleyBinary.run(["send", "hello"], environment: environment)
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let sent = try XCTUnwrap(server?.receivedRequests.last)
        XCTAssertEqual(sent.header("Authorization"), "Bearer sk-from-env")
        XCTAssertTrue(sent.bodyText.contains(#""model":"my-model""#), sent.bodyText)
    }
}
