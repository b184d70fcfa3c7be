import ChatModel
import FixtureServer
import Foundation
import TestSupport
import Wire
import XCTest

/// The fixture server over real HTTP: recording, 404s, prompt substitution and every fault.
final class FixtureServerTests: ScenarioTestCase {
    private let transport = CurlTransport()

    private func post(_ path: String, body: String, idle: Double = 5) async -> CollectedResponse {
        let request = HTTPRequest(
            method: "POST", url: base + path, headers: [HTTPHeader("Content-Type", "application/json")],
            body: Array(body.utf8))
        let asked = Date()
        return await CollectedResponse.collect(transport.start(request, options: TransportOptions(idleTimeout: idle)), since: asked)
    }

    private func chat(_ scenario: String, prompt: String = "hi") async -> CollectedResponse {
        await post("/scenario/\(scenario)/v1/chat/completions", body: Self.chatBody(prompt))
    }

    private static func chatBody(_ prompt: String) -> String {
        #"{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"\#(JSONValue.escape(prompt))"}]}"#
    }

    /// The `data:` payloads of an SSE body, in order.
    private func dataLines(_ response: CollectedResponse) -> [String] {
        response.bodyText.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    func testRecordsMethodPathHeadersAndBody() async throws {
        let body = Self.chatBody("record me")
        _ = await post("/scenario/openai-no-done/v1/chat/completions?trace=1", body: body)
        let request = try XCTUnwrap(server.receivedRequests.last)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/scenario/openai-no-done/v1/chat/completions?trace=1")
        XCTAssertEqual(request.header("content-type"), "application/json")
        XCTAssertEqual(request.bodyText, body)
        XCTAssertEqual(request.prompt, "record me")
    }

    func testUnknownRouteGets404WithAJSONMessage() async throws {
        let response = await post("/x", body: "{}")
        XCTAssertEqual(response.head?.status, 404)
        XCTAssertEqual(response.head?.headers.value(for: "Content-Type"), "application/json")
        let error = try JSONReader.parse(response.body)["error"]
        XCTAssertEqual(error?["type"]?.stringValue, "not_found")
        let message = error?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.hasPrefix("no scenario for POST /x; known routes: "), message)
        XCTAssertTrue(message.contains("GET /v1/models, "), message)
    }

    func testModelsRouteAnswersAModelList() async throws {
        let call = transport.start(HTTPRequest(method: "GET", url: base + "/v1/models"), options: TransportOptions())
        let response = await CollectedResponse.collect(call)
        let list = try JSONReader.parse(response.body)
        XCTAssertEqual(list["data"]?.arrayValue?.first?["id"]?.stringValue, "parley-demo")
    }

    func testPromptIsSubstitutedJSONEscaped() async throws {
        let prompt = "Say \"hi\" \\ then\nbye \u{1} — ünï"
        let response = await chat("openai-text", prompt: prompt)
        var text = ""
        for line in dataLines(response) where line != "[DONE]" {
            let chunk = try JSONReader.parse(line)
            text += chunk["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? ""
        }
        XCTAssertTrue(text.contains("\u{201C}\(prompt)\u{201D}"), text)
        XCTAssertTrue(response.bodyText.contains(#"Say \"hi\" \\ then\nbye \u0001 — ünï"#))
    }

    func testDifyStyleQueryIsThePrompt() async throws {
        let response = await post("/scenario/openai-text/v1/chat/completions", body: #"{"query":"from dify","inputs":{}}"#)
        XCTAssertTrue(response.bodyText.contains("from dify"))
    }

    func testTextScenarioCarriesAPingCommentUsageAndDone() async throws {
        let response = await chat("openai-text")
        XCTAssertTrue(response.bodyText.contains("\n\n: ping\n\n"))
        XCTAssertTrue(response.bodyText.contains(#""choices":[],"usage":{"prompt_tokens":24"#))
        XCTAssertTrue(response.bodyText.hasSuffix("data: [DONE]\n\n"))
    }

    func testStallPausesBetweenEvents() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-stall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"name":"pause","route":{"method":"POST","path":"/p"},"events":[{"data":"a"},{"stall":300},{"data":"b"}]}"#
            .write(to: folder.appendingPathComponent("pause.json"), atomically: true, encoding: .utf8)
        await server.stop()
        (server, base) = try await RunningFixtureServer.start(library: try ScenarioLibrary.builtIn().adding(directory: folder))
        let response = await post("/p", body: "{}")
        XCTAssertEqual(response.bodyText, "data: a\n\ndata: b\n\n")
        let times = response.arrivals.dropFirst().map(\.at)
        XCTAssertEqual(times.count, 2, "a and b arrive as two writes, a first")
        XCTAssertGreaterThanOrEqual(times[1], 0.3, "b cannot come sooner than the 300 ms stall after a")
    }

    func testResetSendsATCPResetAfterTheEarlierBytes() throws {
        let port = try XCTUnwrap(server.port)
        let body = Self.chatBody("x")
        let result = try RawSocketClient.exchange(
            port: port,
            request: "POST /scenario/openai-reset/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        XCTAssertEqual(result.endError, ECONNRESET)
        XCTAssertTrue(String(decoding: result.bytes, as: UTF8.self).contains(#"{"content":" cut"}"#))
    }

    func testDripSplitsTheRestIntoSmallWrites() async throws {
        let response = await chat("openai-drip")
        XCTAssertTrue(response.bodyText.hasSuffix("data: [DONE]\n\n"))
        let writes = response.body.count / 7
        XCTAssertGreaterThan(response.chunks.count, writes / 3, "\(response.chunks.count) chunks for \(writes) writes")
        XCTAssertLessThanOrEqual(response.chunks.map(\.count).min() ?? 0, 7)
    }

    func testMalformedEventIsACutJSONChunkBetweenValidOnes() async throws {
        let lines = dataLines(await chat("openai-malformed"))
        let parses = lines.map { (try? JSONReader.parse($0)) != nil }
        XCTAssertEqual(parses, [true, true, false, true, false])
        XCTAssertEqual(lines.last, "[DONE]")
        XCTAssertTrue(lines[2].hasPrefix(#"{"id":"chatcmpl-parley0demo""#))
    }

    func testNoDoneEndsCleanlyAfterTheFinishReason() async throws {
        let response = await chat("openai-no-done")
        XCTAssertNil(response.failure)
        XCTAssertFalse(response.bodyText.contains("[DONE]"))
        XCTAssertTrue(dataLines(response).last?.contains(#""finish_reason":"stop""#) ?? false)
    }

    func testInStreamErrorChunkFollowsTheDeltas() async throws {
        let lines = dataLines(await chat("openai-in-stream-error"))
        XCTAssertTrue(lines.first?.contains(#""role":"assistant""#) ?? false)
        XCTAssertTrue(lines.last?.hasPrefix(#"{"error":{"message":"The model is overloaded"#) ?? false, "\(lines)")
    }

    func testErrorScenarioIsA500JSONDocument() async throws {
        let response = await post("/v1/chat/completions", body: Self.chatBody("trigger an error please"))
        XCTAssertEqual(response.head?.status, 500)
        XCTAssertEqual(try JSONReader.parse(response.body)["error"]?["code"]?.stringValue, "500")
    }

    /// The stall never ends by itself, so a stop that returned did not wait for it; the deadline only turns
    /// a hang into a failure.
    func testStopEndsAForeverStallInsteadOfWaitingForIt() async throws {
        let request = HTTPRequest(method: "POST", url: base + "/scenario/openai-stall/v1/chat/completions")
        let call = transport.start(request, options: TransportOptions(idleTimeout: 30))
        let pinged = Locked(false)
        let reading = Task {
            await CollectedResponse.collect(call) { part, _ in
                if case .body(let bytes) = part, String(decoding: bytes, as: UTF8.self).contains(": ping") { pinged.set(true) }
            }
        }
        try await waitUntil("the stream reaches its stall") { pinged.get() }
        let server = self.server!
        try await withDeadline(30) { await server.stop() }
        let response = await reading.value
        XCTAssertEqual(response.failure?.kind, .reset)
    }
}
