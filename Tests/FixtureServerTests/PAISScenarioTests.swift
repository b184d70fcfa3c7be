import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// `parley send --provider pais` against the fixture server, on both the assistants and the agents path.
final class PAISScenarioTests: ScenarioTestCase {
    private func provider(endpoint: String? = nil) throws -> any ChatProvider {
        var options = ["agent_id": "agent-7"]
        options["endpoint"] = endpoint
        return try ProviderCatalog.provider(for: ProviderSettings(kind: "pais", baseURL: base, apiKey: "tok", options: options))
    }

    private func assertStreamedTurn(_ events: [StreamEvent], prompt: String) {
        XCTAssertEqual(events.opened?.count, 36, "a new session gets a fresh id")
        XCTAssertEqual(events.citations.map(\.title), ["hamlet.pdf", "elsinore-notes.md"])
        XCTAssertEqual(events.citations.first?.url, "s3://library/hamlet.pdf")
        XCTAssertEqual(events.citations.first?.score, 0.83)
        XCTAssertTrue(events.text.hasPrefix("Good morrow! Thou askest: “\(prompt)”."), events.text)
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
    }

    func testAssistantsPathStreamsSessionCitationsAndText() async throws {
        let events = await exchange.turn(try provider(), prompt: "Who wrote Hamlet?").events
        assertStreamedTurn(events, prompt: "Who wrote Hamlet?")
        XCTAssertEqual(
            server.receivedRequests.last?.path, "/api/v1/compatibility/openai/v1/assistants/agent-7/chat/completions")
    }

    func testAgentsPathStreamsTheSameWay() async throws {
        let events = await exchange.turn(try provider(endpoint: "agents"), prompt: "Where is Elsinore?").events
        assertStreamedTurn(events, prompt: "Where is Elsinore?")
        XCTAssertEqual(server.receivedRequests.last?.path, "/api/v1/compatibility/openai/v1/agents/agent-7/chat/completions")
    }

    func testBlockingReplyHasSessionCitationsAndUsage() async throws {
        let turn = await exchange.turn(try provider(), prompt: "Who wrote Hamlet?", stream: false)
        XCTAssertEqual(turn.records.map(\.kind), [.document])
        XCTAssertEqual(turn.events.opened?.count, 36)
        XCTAssertEqual(turn.events.citations.count, 2)
        XCTAssertEqual(turn.events.usage?.totalTokens, 53)
        XCTAssertTrue(turn.events.text.contains("“Who wrote Hamlet?”"), turn.events.text)
    }

    func testValidationErrorNamesTheFields() async throws {
        let events = await exchange.turn(try provider(), prompt: "send something invalid").events
        let failure = try XCTUnwrap(events.failure)
        XCTAssertEqual(failure.status, 422)
        XCTAssertEqual(failure.code, "validation_error")
        XCTAssertEqual(
            failure.message,
            "The server rejected the request: messages[0].role: Input should be 'user' or 'assistant'; "
                + "max_tokens: Input should be greater than or equal to 1")
    }

    func testUnauthorizedSaysToRefreshTheToken() async throws {
        let events = await exchange.turn(try provider(), prompt: "my token expired").events
        let failure = try XCTUnwrap(events.failure)
        XCTAssertEqual(failure.status, 401)
        XCTAssertTrue(failure.message.hasPrefix("The access token was refused (HTTP 401)"), failure.message)
    }
}
