import ChatModel
import FixtureServer
import Foundation
import TestSupport
import Wire
import XCTest

/// `*` route segments, `body_equals` conditions and `{{body.NAME}}`, as a scenario author uses them.
final class RoutePatternTests: XCTestCase {
    private func scenario(_ name: String, _ method: String, _ path: String, extra: String = "") throws -> Scenario {
        try Scenario(
            json: try JSONReader.parse(#"{"name":"\#(name)","route":{"method":"\#(method)","path":"\#(path)"}\#(extra),"events":[{"raw":"\#(name)"}]}"#),
            source: name)
    }

    private func picked(_ library: ScenarioLibrary, _ method: String, _ path: String, prompt: String = "", body: String? = nil) throws -> String {
        switch library.select(method: method, path: path, prompt: prompt, body: try body.map { try JSONReader.parse($0) }) {
        case .scenario(let scenario): return scenario.name
        case .notFound(let message): return "404: \(message)"
        }
    }

    func testStarMatchesExactlyOneNonEmptySegment() throws {
        let library = ScenarioLibrary(scenarios: [try scenario("stop", "POST", "/v1/chat-messages/*/stop")])
        XCTAssertEqual(try picked(library, "POST", "/v1/chat-messages/task-1/stop?x=1"), "stop")
        XCTAssertEqual(try picked(library, "post", "/v1/chat-messages/a%2Fb/stop"), "stop")
        for path in ["/v1/chat-messages/a/b/stop", "/v1/chat-messages/stop", "/v1/chat-messages//stop"] {
            XCTAssertTrue(try picked(library, "POST", path).hasPrefix("404: no scenario for POST "), path)
        }
        XCTAssertTrue(try picked(library, "GET", "/v1/chat-messages/t/stop").hasPrefix("404: "))
    }

    func testExactRouteWinsOverPatternAndFewerStarsWin() throws {
        let library = ScenarioLibrary(scenarios: [
            try scenario("any-item", "GET", "/items/*"), try scenario("special", "GET", "/items/special"),
            try scenario("two-stars", "GET", "/*/*/x"), try scenario("one-star", "GET", "/items/*/x"),
        ])
        XCTAssertEqual(try picked(library, "GET", "/items/special"), "special")
        XCTAssertEqual(try picked(library, "GET", "/items/other"), "any-item")
        XCTAssertEqual(try picked(library, "GET", "/items/7/x"), "one-star")
        XCTAssertEqual(try picked(library, "GET", "/things/7/x"), "two-stars")
    }

    func testForcedScenarioAnswersItsPatternRoute() throws {
        let library = try ScenarioLibrary.builtIn()
        XCTAssertEqual(try picked(library, "POST", "/scenario/dify-stop/v1/chat-messages/t-9/stop"), "dify-stop")
        XCTAssertEqual(
            try picked(library, "POST", "/scenario/pais-validation/api/v1/compatibility/openai/v1/agents/a1/chat/completions"),
            "pais-validation")
    }

    func testBodyConditionsPickTheBlockingReplies() throws {
        let library = try ScenarioLibrary.builtIn()
        let dify = "/v1/chat-messages"
        XCTAssertEqual(try picked(library, "POST", dify, prompt: "hi", body: #"{"response_mode":"blocking"}"#), "dify-blocking")
        XCTAssertEqual(try picked(library, "POST", dify, prompt: "an error", body: #"{"response_mode":"blocking"}"#), "dify-blocking")
        XCTAssertEqual(try picked(library, "POST", dify, prompt: "hi", body: #"{"response_mode":"streaming"}"#), "dify-agent-chat")
        XCTAssertEqual(try picked(library, "POST", dify, prompt: "an error", body: #"{"response_mode":"streaming"}"#), "dify-error")
        XCTAssertEqual(try picked(library, "POST", "/api/v1/sessions/chat", body: #"{"stream":false}"#), "helix-blocking")
        XCTAssertEqual(try picked(library, "POST", "/api/v1/sessions/chat", body: #"{"stream":true}"#), "helix-chat")
        let pais = "/api/v1/compatibility/openai/v1/assistants/a1/chat/completions"
        XCTAssertEqual(try picked(library, "POST", pais, body: #"{"stream":false}"#), "pais-blocking")
        XCTAssertEqual(try picked(library, "POST", pais, body: #"{"stream":"false"}"#), "pais-stream")
    }

    func testRouteWhoseConditionsAllFailSaysWhatTheyNeed() throws {
        let library = ScenarioLibrary(scenarios: [
            try scenario("only-blocking", "POST", "/chat", extra: #","body_equals":{"stream":false,"mode":"x"}"#),
        ])
        XCTAssertEqual(
            try picked(library, "POST", "/chat", body: #"{"stream":false}"#),
            "404: no scenario for POST /chat accepts this request body; they need: only-blocking (mode=\"x\", stream=false)")
        XCTAssertEqual(try picked(library, "POST", "/chat", body: #"{"mode":"x","stream":false,"more":1}"#), "only-blocking")
        XCTAssertThrowsError(try scenario("bad", "POST", "/chat", extra: #","body_equals":[1]"#)) { error in
            XCTAssertEqual("\(error)", "bad: \"body_equals\" must be an object of field values")
        }
    }

    func testBodyFieldsAreSubstitutedEscapedAndOtherBracesKept() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-body-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"name":"echo","route":{"method":"POST","path":"/echo/*"},"events":[{"body":"{{x {{body.name}}|{{body.missing}}|{{body.n}}|{{prompt}}"}]}"#
            .write(to: folder.appendingPathComponent("echo.json"), atomically: true, encoding: .utf8)
        let (server, base) = try await RunningFixtureServer.start(library: ScenarioLibrary(scenarios: ScenarioLibrary.load(directory: folder)))
        let request = HTTPRequest(
            method: "POST", url: base + "/echo/1", body: Array(#"{"name":"say \"{{body.name}}\"","n":3,"query":"q"}"#.utf8))
        let response = await CollectedResponse.collect(CurlTransport().start(request, options: TransportOptions()))
        await server.stop()
        XCTAssertEqual(response.bodyText, #"{{x say \"{{body.name}}\"|||q"#)
    }
}
