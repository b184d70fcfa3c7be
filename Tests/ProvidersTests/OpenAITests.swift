import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class OpenAITests: XCTestCase {
    private let make: () -> any StreamDecoder = { OpenAIDecoder() }

    func testStreamedToolCallWithUsageChunk() throws {
        let events = try ReplayHarness.events(make, fixture: "openai/O1-tool-call.sse")
        let call = "call_Ab12Cd34Ef56Gh78"
        XCTAssertEqual(events, [
            .toolCallDelta(ToolCallDelta(index: 0, id: call, name: "get_weather", argumentsFragment: "")),
            .step(Step(id: call, kind: .toolCall, name: "get_weather")),
            .toolCallDelta(ToolCallDelta(index: 0, argumentsFragment: "{\"ci")),
            .toolCallDelta(ToolCallDelta(index: 0, argumentsFragment: "ty\": \"Tórs")),
            .toolCallDelta(ToolCallDelta(index: 0, argumentsFragment: "havn\"}")),
            .step(Step(id: call, kind: .toolCall, name: "get_weather", input: #"{"city": "Tórshavn"}"#, status: .completed)),
            .usage(Usage(promptTokens: 82, completionTokens: 17, totalTokens: 99)),
            .finished(reason: "tool_calls"),
        ])
    }

    func testCapturedTextStreams() throws {
        let cases = [
            ("openai/fakellm-text.sse", "Hi there, this is fakellm streaming word by word.", nil as Usage?),
            ("openai/llamacpp-smollm2-text.sse", "Hello, welcome to my little corner of the world!", nil),
            ("openai/litellm-mock-text-usage.sse", "Hello from the LiteLLM mock. This is a streamed reply.",
             Usage(promptTokens: 8, completionTokens: 14, totalTokens: 22)),
        ]
        for (fixture, text, usage) in cases {
            let events = try ReplayHarness.events(make, fixture: fixture)
            XCTAssertEqual(ReplayHarness.text(events), text, fixture)
            XCTAssertEqual(events.last, .finished(reason: "stop"), fixture)
            if let usage { XCTAssertTrue(events.contains(.usage(usage)), fixture) }
        }
    }

    func testCapturedToolStream() throws {
        let events = try ReplayHarness.events(make, fixture: "openai/fakellm-tools.sse")
        XCTAssertEqual(ReplayHarness.finalSteps(events), [Step(
            id: "call_7eacf8a463e5", kind: .toolCall, name: "get_weather", input: #"{"city": "Paris", "unit": "celsius"}"#,
            status: .completed)])
        XCTAssertEqual(events.last, .finished(reason: "tool_calls"))
    }

    func testCapturedServerErrorDocument() throws {
        let events = try ReplayHarness.events(make, httpFixture: "openai/litellm-mock-500-error.http")
        guard case .failed(let error) = events.first, events.count == 1 else { return XCTFail("expected one failure: \(events)") }
        XCTAssertEqual(error.status, 500)
        XCTAssertEqual(error.code, "500")
        XCTAssertTrue(error.message.hasPrefix("litellm.InternalServerError: this is a mock internal server error"))
    }
}
