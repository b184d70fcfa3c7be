import Foundation
import TestSupport
import XCTest

/// `parley send` against `fakellm`, an OpenAI-compatible server someone else wrote.
final class FakeLLMSendTests: XCTestCase {
    private var process: SpawnedProcess?
    private var logs: URL?
    private var base = ""

    override func setUpWithError() throws {
        guard let venv = TestVenv.directory else {
            throw XCTSkip("No test venv: run `make test-deps`, or set PARLEY_TEST_VENV to a venv with fakellm==0.3.5.")
        }
        let fakellm = try XCTUnwrap(TestVenv.executable("fakellm"), "The venv at \(venv.path) has no fakellm.")
        let port = try LoopbackPort.free()
        let config = Fixtures.directory.appendingPathComponent("fakellm/fakellm.yaml")
        let logs = try TemporaryFolder.make("parley-fakellm-send")
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
        logs.map(TemporaryFolder.remove)
    }

    func testTextStreamsToStandardOutput() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base, "hello"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "Hi there, this is fakellm streaming word by word.\n")
    }

    func testToolCallArrivesAsOneCompletedStep() throws {
        let result = try ParleyBinary.run(["send", "--base-url", base, "--jsonl", "what is the weather?"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let step = try XCTUnwrap(result.lines.first { $0.contains(#""status":"completed""#) })
        XCTAssertTrue(step.contains(#""name":"get_weather""#), step)
        XCTAssertTrue(step.contains(#""input":"{\"city\": \"T\\u00f3rshavn\", \"unit\": \"celsius\"}""#), "arguments are kept verbatim, escapes and all: \(step)")
    }
}
