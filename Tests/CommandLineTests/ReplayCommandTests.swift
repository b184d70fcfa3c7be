import Foundation
import TestSupport
import XCTest

/// `parley replay` on recorded bytes, as a user runs it.
final class ReplayCommandTests: XCTestCase {
    private func fixture(_ path: String) -> String {
        Fixtures.directory.appendingPathComponent(path).path
    }

    func testOpenAIToolCallsBecomeOneStepEach() throws {
        let result = try ParleyBinary.run(["replay", "--provider", "openai", "--jsonl", fixture("openai/fakellm-tools.sse")])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let steps = result.lines.filter { $0.contains(#""type":"step""#) && $0.contains(#""status":"completed""#) }
        XCTAssertEqual(steps, [
            #"{"type":"step","id":"call_7eacf8a463e5","kind":"tool_call","name":"get_weather","input":"{\"city\": \"Paris\", \"unit\": \"celsius\"}","output":"","status":"completed"}"#,
        ])
        XCTAssertEqual(result.lines.last, #"{"type":"finished","reason":"tool_calls"}"#)
    }

    func testTextModePrintsOnlyTheAnswer() throws {
        let result = try ParleyBinary.run(["replay", "--provider", "openai", fixture("openai/litellm-mock-text-usage.sse")])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.standardOutput, "Hello from the LiteLLM mock. This is a streamed reply.\n")
    }

    func testWholeHTTPResponseWithErrorStatusFails() throws {
        let result = try ParleyBinary.run(["replay", "--provider", "openai", "--jsonl", fixture("openai/litellm-mock-500-error.http")])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.lines.last?.hasPrefix(#"{"type":"failed","kind":"http","status":500,"#) ?? false, result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("mock internal server error"))
    }

    func testSSEModeShowsHowTheBodyWasCut() throws {
        let result = try ParleyBinary.run(["replay", "--provider", "sse", "--jsonl", fixture("sse/sse-starlette-crlf.http")])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.lines, [
            #"{"type":"keepalive"}"#,
            #"{"type":"sse","event":"message","data":"first","id":"1"}"#,
            #"{"type":"sse","event":"multi","data":"line one\nline two","id":"2"}"#,
            #"{"type":"sse","event":"json","data":"{\"text\": \"h\\u00e9llo \\u2713\"}","id":"2"}"#,
            #"{"type":"keepalive"}"#,
            #"{"type":"sse","event":"message","data":"[DONE]","id":"2"}"#,
        ])
    }

    func testDifyCaptureGivesConversationStepsUsageAndEnd() throws {
        let result = try ParleyBinary.run(["replay", "--provider", "dify", "--jsonl", fixture("dify/dify-0.13-agent-chat.sse")])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.lines.first?.hasPrefix(#"{"type":"opened","conversation_id":"7bb785e6-"#) ?? false)
        XCTAssertTrue(result.lines.contains { $0.contains(#""kind":"agent_thought","name":"current_time""#) })
        XCTAssertTrue(result.lines.contains { $0.hasPrefix(#"{"type":"usage","#) && $0.contains(#""currency":"USD""#) })
        XCTAssertTrue(result.lines.last?.hasPrefix(#"{"type":"finished""#) ?? false)
    }

    func testEveryProviderKindReplaysItsFixtures() throws {
        for (kind, file) in [("helix", "helix/H2-agent.sse"), ("pais", "pais/V3-stream.sse"), ("hummingbird", "hummingbird/B2-invoke-response.json")] {
            let result = try ParleyBinary.run(["replay", "--provider", kind, "--jsonl", fixture(file)])
            XCTAssertEqual(result.exitCode, 0, "\(kind): \(result.standardError)")
            XCTAssertTrue(result.lines.last?.hasPrefix(#"{"type":"finished""#) ?? false, "\(kind): \(result.standardOutput)")
        }
    }

    func testUnknownKindAndMissingFileSayWhatToDo() throws {
        let unknown = try ParleyBinary.run(["replay", "--provider", "nosuch", fixture("openai/fakellm-text.sse")])
        XCTAssertNotEqual(unknown.exitCode, 0)
        XCTAssertTrue(unknown.standardError.contains("Known kinds: openai, dify, helix, hummingbird, pais"), unknown.standardError)
        let missing = try ParleyBinary.run(["replay", "--provider", "openai", "/nonexistent/x.sse"])
        XCTAssertNotEqual(missing.exitCode, 0)
        XCTAssertTrue(missing.standardError.contains("Cannot read /nonexistent/x.sse"), missing.standardError)
    }

    /// Without --provider, a recording is decoded as the API its request went to; a bare body has no request,
    /// so the command asks for the kind.
    func testTheProviderIsGuessedFromARecordingsRequestPath() throws {
        let body = try Data(contentsOf: Fixtures.directory.appendingPathComponent("openai/fakellm-text.sse"))
        let header = #"{"format":"parley.recording","request":{"body":"","headers":[],"method":"POST","#
            + #""url":"http://127.0.0.1:9/v1/chat/completions"},"response":{"headers":[["Content-Type","text/event-stream"]],"#
            + #""status":200,"t":0.01},"version":1}"#
        let chunk = #"{"bytes":"\#(body.base64EncodedString())","kind":"event","offset":0,"t":0.02}"#
        let path = try makeTemporaryFolder("parley-replay-guess").appendingPathComponent("run.jsonl").path
        try (header + "\n" + chunk + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let guessed = try ParleyBinary.run(["replay", path])
        XCTAssertEqual(guessed.exitCode, 0, guessed.standardError)
        XCTAssertEqual(guessed.standardOutput, "Hi there, this is fakellm streaming word by word.\n")

        let bare = try ParleyBinary.run(["replay", fixture("openai/fakellm-text.sse")])
        XCTAssertNotEqual(bare.exitCode, 0)
        XCTAssertTrue(bare.standardError.contains("It carries no request. Give --provider KIND (openai,"), bare.standardError)
    }
}
