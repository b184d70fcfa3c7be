import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// CurlTransport and the OpenAI decoder against `fakellm`, a third-party OpenAI-compatible mock server.
///
/// Our own fixture server could share our misreadings of the protocol; a server written by someone else
/// cannot. The rules it answers with are in `Tests/Fixtures/fakellm/fakellm.yaml`.
final class FakeLLMTests: XCTestCase {
    private var process: SpawnedProcess?
    private var logs: URL?
    private var base = ""

    override func setUpWithError() throws {
        guard let venv = TestVenv.directory else {
            throw XCTSkip("No test venv: run `make test-deps`, or set PARLEY_TEST_VENV to a venv with fakellm==0.3.5.")
        }
        let fakellm = try XCTUnwrap(
            TestVenv.executable("fakellm"), "The venv at \(venv.path) has no fakellm; run `make test-deps`.")
        let port = try LoopbackPort.free()
        let config = Fixtures.directory.appendingPathComponent("fakellm/fakellm.yaml")
        let logs = try TemporaryFolder.make("parley-fakellm")
        self.logs = logs
        let process = try SpawnedProcess(
            executable: fakellm.path,
            arguments: ["serve", "--host", "127.0.0.1", "--port", "\(port)", "--config", config.path],
            logDirectory: logs)
        self.process = process
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: process)
        base = "http://127.0.0.1:\(port)/v1"
    }

    override func tearDown() {
        process?.stop()
        process = nil
        logs.map(TemporaryFolder.remove)
    }

    private func run(_ prompt: String) async throws -> [StreamEvent] {
        let provider = OpenAIProvider(baseURL: base, model: "gpt-4o-mini")
        let request = try provider.makeRequest(for: TurnRequest(messages: [ChatMessage(role: .user, content: prompt)]))
        let call = CurlTransport().start(request, options: TransportOptions(connectTimeout: 5, idleTimeout: 10))
        let response = await CollectedResponse.collect(call)
        XCTAssertNil(response.failure)
        XCTAssertTrue(response.headCameFirst)
        return response.openAIEvents
    }

    func testStreamedTextBecomesTextEventsAndAFinish() async throws {
        let events = try await run("hello, who are you?")
        let pieces = events.textPieces
        XCTAssertEqual(pieces.first, "Hi")
        XCTAssertGreaterThan(pieces.count, 5, "fakellm streams one word per chunk")
        XCTAssertEqual(pieces.joined(), "Hi there, this is fakellm streaming word by word.")
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    func testStreamedToolCallBecomesOneCompletedStep() async throws {
        let events = try await run("What's the weather like?")
        let deltas = events.filter { if case .toolCallDelta = $0 { return true } else { return false } }
        XCTAssertGreaterThan(deltas.count, 2, "arguments arrive in several fragments")
        let steps = events.completedSteps
        XCTAssertEqual(steps.count, 1)
        XCTAssertEqual(steps.first?.name, "get_weather")
        XCTAssertEqual(steps.first?.kind, .toolCall)
        XCTAssertEqual(steps.first?.input, #"{"city": "T\u00f3rshavn", "unit": "celsius"}"#)
        XCTAssertEqual(events.last, .finished(reason: "tool_calls"))
    }
}
