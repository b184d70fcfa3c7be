import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// CurlTransport against the fixture server on 127.0.0.1: real libcurl, real sockets, real faults.
final class CurlTransportTests: XCTestCase {
    private var server: FixtureServer!
    private var base = ""
    private let transport = CurlTransport()

    override func setUp() async throws {
        (server, base) = try await RunningFixtureServer.start()
    }

    override func tearDown() async throws {
        await server.stop()
    }

    private func chat(_ scenario: String?, prompt: String = "Hello there", idle: Double = 5) -> HTTPCall {
        let prefix = scenario.map { "/scenario/\($0)" } ?? ""
        let body = #"{"model":"parley-demo","stream":true,"messages":[{"role":"user","content":"\#(prompt)"}]}"#
        let request = HTTPRequest(
            method: "POST", url: base + prefix + "/v1/chat/completions",
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "Bearer sk-test")],
            body: Array(body.utf8))
        return transport.start(request, options: TransportOptions(connectTimeout: 5, idleTimeout: idle))
    }

    func testStreamsTextAsItArrivesWithTheHeadFirst() async throws {
        let response = await CollectedResponse.collect(chat("openai-text", prompt: "What is Parley?"))
        XCTAssertNil(response.failure)
        XCTAssertTrue(response.headCameFirst)
        XCTAssertEqual(response.head?.status, 200)
        XCTAssertEqual(response.head?.isEventStream, true)
        XCTAssertGreaterThan(response.chunks.count, 10, "events ~30 ms apart should arrive as separate chunks")
        let firstBody = try XCTUnwrap(response.arrivals.dropFirst().first?.at)
        XCTAssertGreaterThan(response.endedAt - firstBody, 0.5, "the first bytes came long before the end")
        let events = response.openAIEvents
        let text = events.textPieces.joined()
        XCTAssertTrue(text.contains("\u{201C}What is Parley?\u{201D}"), text)
        XCTAssertTrue(text.contains("Parley's built-in demo"), text)
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    func testDeliversTheUsageChunk() async throws {
        let response = await CollectedResponse.collect(chat("openai-text"))
        XCTAssertTrue(response.openAIEvents.contains(.usage(Usage(promptTokens: 24, completionTokens: 38, totalTokens: 62))))
    }

    func testStreamsInterleavedToolCalls() async throws {
        let response = await CollectedResponse.collect(chat(nil, prompt: "What's the weather in the Faroes?"))
        let steps = response.openAIEvents.completedSteps
        XCTAssertEqual(steps.map(\.name), ["get_weather", "get_local_time"])
        XCTAssertEqual(steps.map(\.input), [#"{"city": "Tórshavn"}"#, #"{"timezone": "Atlantic/Faroe"}"#])
        XCTAssertEqual(response.openAIEvents.last, .finished(reason: "tool_calls"))
    }

    func testHTTP500IsAResponseWithItsJSONBodyNotATransportError() async throws {
        let response = await CollectedResponse.collect(chat("openai-error-500"))
        XCTAssertNil(response.failure)
        XCTAssertEqual(response.head?.status, 500)
        XCTAssertEqual(response.head?.headers.value(for: "content-type"), "application/json")
        XCTAssertTrue(response.bodyText.hasPrefix(#"{"error":{"message":"The fixture server was asked to fail"#), response.bodyText)
    }

    func testStallHitsTheIdleTimeoutAfterTheBytesBeforeIt() async throws {
        let port = try XCTUnwrap(server.port)
        let asked = Date()
        let response = await CollectedResponse.collect(chat("openai-stall", idle: 0.3))
        let failure = try XCTUnwrap(response.failure)
        XCTAssertEqual(failure.kind, .idleTimeout, "the stream stalls forever: only the idle timeout can end it")
        XCTAssertTrue(failure.message.hasPrefix("No data from 127.0.0.1:\(port) for 0.3 s (idle timeout)."), failure.message)
        XCTAssertTrue(response.bodyText.contains("Thinking about"))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(asked), 0.3, "not before 0.3 s without a byte")
    }

    func testEveryByteRestartsTheIdleTimeout() async throws {
        let response = await CollectedResponse.collect(chat("openai-drip", idle: 0.5))
        XCTAssertNil(response.failure, "bytes 5 ms apart keep a stream alive for longer than its idle timeout")
        XCTAssertTrue(response.bodyText.hasSuffix("data: [DONE]\n\n"))
    }

    func testResetMidStreamFailsWithResetAfterTheEarlierBytes() async throws {
        let response = await CollectedResponse.collect(chat("openai-reset"))
        XCTAssertEqual(response.failure?.kind, .reset, "\(String(describing: response.failure))")
        XCTAssertTrue(response.bodyText.contains(#"{"content":" cut"}"#), response.bodyText)
        XCTAssertFalse(response.bodyText.contains("[DONE]"))
    }

    /// The stall is forever and the idle timeout 30 s, so only the cancel can end the call; how long it takes
    /// is a figure of `parley-bench cancel`, not a bound on a shared machine.
    func testCancelMidStreamEndsTheCallAndClosesTheConnection() async throws {
        let call = chat("openai-stall", idle: 30)
        let cancelled = Locked(false)
        let response = await CollectedResponse.collect(call) { part, _ in
            if case .body(let bytes) = part, String(decoding: bytes, as: UTF8.self).contains("Thinking") {
                cancelled.set(true)
                call.cancel()
            }
        }
        XCTAssertTrue(cancelled.get())
        XCTAssertEqual(response.failure?.kind, .cancelled, "the cancel, not the idle timeout, ended the call")
        try await waitUntil("the server sees the connection closed") { self.server.openConnectionCount == 0 }
    }

    func testCancellingTheConsumingTaskClosesTheConnection() async throws {
        let call = chat("openai-stall", idle: 30)
        let task = Task { await CollectedResponse.collect(call) }
        try await waitUntil("the request arrives") { self.server.openConnectionCount == 1 }
        task.cancel()
        let response = await task.value
        XCTAssertNotEqual(response.failure?.kind, .idleTimeout, "the task's cancel, not the 30 s idle timeout, ended it")
        try await waitUntil("the server sees the connection closed") { self.server.openConnectionCount == 0 }
    }

    func testRefusedOnAClosedPort() async throws {
        let port = try LoopbackPort.free()
        let call = transport.start(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/v1/models"), options: TransportOptions())
        let response = await CollectedResponse.collect(call)
        XCTAssertEqual(response.failure?.kind, .refused)
        XCTAssertTrue(response.failure?.message.contains("127.0.0.1:\(port)") ?? false, "\(String(describing: response.failure))")
        XCTAssertNil(response.head)
    }

    func testDNSFailureForAnInvalidHost() async throws {
        let call = transport.start(HTTPRequest(method: "GET", url: "http://parley-test.invalid/v1/models"), options: TransportOptions())
        let response = await CollectedResponse.collect(call)
        XCTAssertEqual(response.failure?.kind, .dns)
        XCTAssertTrue(response.failure?.message.contains("parley-test.invalid") ?? false)
    }

    func testSendsMethodHeadersAndBodyAsGiven() async throws {
        for method in ["PUT", "PATCH", "DELETE", "POST"] {
            let request = HTTPRequest(
                method: method, url: base + "/v1/things?x=1", headers: [HTTPHeader("X-Parley-Test", method)],
                body: Array("body of \(method) ünïcode".utf8))
            let response = await CollectedResponse.collect(transport.start(request, options: TransportOptions()))
            XCTAssertEqual(response.head?.status, 404)
            XCTAssertTrue(response.bodyText.contains("no scenario for \(method) /v1/things"), response.bodyText)
        }
        let recorded = server.receivedRequests
        XCTAssertEqual(recorded.map(\.method), ["PUT", "PATCH", "DELETE", "POST"])
        XCTAssertEqual(recorded.map(\.path), Array(repeating: "/v1/things?x=1", count: 4))
        XCTAssertEqual(recorded.map { $0.header("x-parley-test") }, ["PUT", "PATCH", "DELETE", "POST"])
        XCTAssertEqual(recorded.last?.bodyText, "body of POST ünïcode")
        XCTAssertNil(recorded.last?.header("Expect"))
    }

    func testInvalidURLFailsAtOnce() async throws {
        let response = await CollectedResponse.collect(
            transport.start(HTTPRequest(method: "GET", url: "ftp://127.0.0.1/x"), options: TransportOptions()))
        XCTAssertEqual(response.failure?.kind, .invalidRequest)
    }
}
