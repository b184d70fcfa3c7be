import ChatModel
import Providers
import Sessions
import TerminalUI
import TestSupport
import Wire
import WorkbenchApp
import XCTest

/// The app loop end to end in memory: keys in, a real provider and runner over a scripted transport, frames out.
final class AppLoopTests: XCTestCase {
    private func configuration(_ transport: ReplayTransport) -> AppConfiguration {
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"),
                                transport: transport)
        return AppConfiguration(runner: runner, endpointLabel: "test endpoint", frameInterval: .zero)
    }

    func testTypedPromptStreamsTheReplyAndRawRecords() async throws {
        let bytes = try Fixtures.bytes("openai/fakellm-text.sse")
        let transport = ReplayTransport(chunks: ReplayTransport.pieces(bytes, size: 37))
        let terminal = MemoryTerminal()
        let config = configuration(transport)
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Say hi")
        terminal.press(.enter)
        let done = await terminal.waitForFrame { $0.contains("Hi there,") && !$0.contains("streaming…") }
        XCTAssertNotNil(done, "the streamed answer appears and the reply finishes")
        terminal.press(.tab)
        terminal.press(.tab)
        terminal.press(.tab)
        terminal.type("4")
        let raw = await terminal.waitForFrame { $0.contains("14B finished [DONE]␊␊") }
        XCTAssertNotNil(raw, "the raw tab lists the records, the last one [DONE]")
        let request = try XCTUnwrap(transport.sent.first)
        XCTAssertTrue(String(decoding: request.body, as: UTF8.self).contains("Say hi"), "the prompt is sent as history")
        terminal.type("q")
        try await app.value
        XCTAssertTrue(terminal.isStopped, "the terminal is restored on quit")
    }

    func testEscapeCancelsAStreamThatIsStillOpen() async throws {
        let first = Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Thinking hard\"}}]}\n\n".utf8)
        let transport = ReplayTransport(chunks: [first], holdOpen: true)
        let terminal = MemoryTerminal()
        let config = configuration(transport)
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Long question")
        terminal.press(.enter)
        let streaming = await terminal.waitForFrame { $0.contains("Thinking hard") && $0.contains("streaming…") }
        XCTAssertNotNil(streaming)
        terminal.press(.escape)
        let cancelled = await terminal.waitForFrame { $0.contains("· cancelled") }
        XCTAssertNotNil(cancelled, "the reply is marked cancelled and keeps its text")
        XCTAssertTrue(cancelled?.text.contains("Thinking hard") ?? false)
        terminal.press(.control("q"))
        try await app.value
    }

    func testServerErrorShowsAsFailedReply() async throws {
        let body = Array(#"{"error":{"message":"Model is overloaded","type":"server_error","code":"overloaded"}}"#.utf8)
        let transport = ReplayTransport(status: 500, contentType: "application/json", chunks: [body])
        let terminal = MemoryTerminal()
        let config = configuration(transport)
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Hello")
        terminal.press(.enter)
        let failed = await terminal.waitForFrame { $0.contains("· failed") }
        XCTAssertNotNil(failed)
        XCTAssertTrue(failed?.text.contains("Model is overloaded") ?? false)
        terminal.press(.control("q"))
        try await app.value
    }

    func testKeysAreAnsweredDuringABurstThatIsStillStreaming() async throws {
        var bytes: [UInt8] = []
        for i in 0..<3000 {
            bytes += Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w\(i) \"}}]}\n\n".utf8)
        }
        let transport = ReplayTransport(chunks: ReplayTransport.pieces(bytes, size: 50), holdOpen: true)
        let terminal = MemoryTerminal()
        let config = configuration(transport)
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Flood")
        terminal.press(.enter)
        let flooded = await terminal.waitForFrame(within: 30) { $0.contains("w2999") && $0.contains("reply streaming") }
        XCTAssertNotNil(flooded, "the whole burst is on screen while the reply is still open")
        terminal.type("next question")
        let typed = await terminal.waitForFrame { $0.contains("next question") && $0.contains("reply streaming") }
        XCTAssertNotNil(typed, "typing shows while the reply streams")
        terminal.press(.escape)
        let cancelled = await terminal.waitForFrame { $0.contains("Cancelled; what arrived is kept") }
        XCTAssertNotNil(cancelled)
        terminal.press(.control("q"))
        try await app.value
    }

    func testAKeyIsDrawnAtOnceWhileTheStreamWaitsForItsFrame() async throws {
        let first = Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Thinking hard\"}}]}\n\n".utf8)
        let transport = ReplayTransport(chunks: [first], holdOpen: true)
        let terminal = MemoryTerminal()
        var slowStream = configuration(transport)
        slowStream.streamFrameInterval = .seconds(3_600)
        let config = slowStream
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Long question")
        terminal.press(.enter)
        let sent = await terminal.waitForFrame { $0.contains("Long question") }
        XCTAssertNotNil(sent)
        terminal.type("x")
        let answered = await terminal.waitForFrame { $0.contains("› x") }
        XCTAssertNotNil(answered, "a key does not wait for the next stream frame, an hour away here")
        XCTAssertTrue(answered?.text.contains("Thinking hard") ?? false, "the frame a key brings shows the stream too")
        terminal.press(.escape)
        terminal.press(.control("q"))
        try await app.value
    }
}
