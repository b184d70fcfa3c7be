import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// `parley send --provider dify` against the fixture server: every Dify scenario read by the real adapter.
final class DifyScenarioTests: ScenarioTestCase {
    private func provider(root: String = "/v1") throws -> DifyProvider {
        let settings = ProviderSettings(kind: "dify", baseURL: base + root, apiKey: "app-demo")
        return try XCTUnwrap(try ProviderCatalog.provider(for: settings) as? DifyProvider)
    }

    func testAgentChatShowsToolStepsFileCitationsAndPricedUsage() async throws {
        let turn = await exchange.turn(try provider(), prompt: "Draw the lighthouse")
        let events = turn.events
        let conversation = try XCTUnwrap(events.opened)
        XCTAssertEqual(conversation.count, 36, "a fresh conversation id: \(conversation)")
        XCTAssertTrue(events.text.hasPrefix("Let me draw that for you.Here is the lighthouse"), events.text)
        XCTAssertTrue(events.text.contains("You asked: “Draw the lighthouse”"), events.text)
        let steps = events.finalSteps
        XCTAssertEqual(steps.map(\.name), ["current_time", "dalle3", "thought 3"])
        XCTAssertEqual(steps.map(\.label), ["Current Time", "DALL-E 3", nil])
        XCTAssertEqual(steps.map(\.status), [.completed, .completed, .completed])
        XCTAssertTrue(steps[0].output.contains("09:41:07"), steps[0].output)
        XCTAssertEqual(steps[1].fileIDs, ["9d2b9f50-3e4f-4a71-8c1d-2e3f4a5b6c7d"])
        XCTAssertTrue(steps[1].input.contains("Nólsoy lighthouse"), steps[1].input)
        let runningFirst = events.compactMap { event -> Step.Status? in
            if case .step(let step) = event, step.name == "current_time" { return step.status } else { return nil }
        }
        XCTAssertEqual(runningFirst.first, .running, "the tool step shows as running before its observation")
        XCTAssertEqual(events.files.map(\.type), ["image"])
        XCTAssertGreaterThanOrEqual(events.keepAlives, 1, "the event: ping keep-alive")
        XCTAssertEqual(events.citations.map(\.title), ["lighthouses.md", "travel-notes.pdf"])
        XCTAssertEqual(events.citations.first?.source, "Faroe Islands guide")
        XCTAssertEqual(events.citations.first?.score, 0.8731)
        let usage = try XCTUnwrap(events.usage)
        XCTAssertEqual([usage.promptTokens, usage.completionTokens, usage.totalTokens], [412, 58, 470])
        XCTAssertEqual(usage.totalPrice, Price("0.0016100"))
        XCTAssertEqual(usage.currency, "USD")
        XCTAssertEqual(usage.latency, 2.318)
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
        let eventRecords = turn.records.filter { $0.kind == .event }
        XCTAssertGreaterThan(eventRecords.count, 20)
        XCTAssertGreaterThan(
            (eventRecords.last?.receivedAt ?? 0) - (eventRecords.first?.receivedAt ?? 0), 1,
            "events arrive spread out, so streaming is visible")
    }

    func testChatflowShowsWorkflowAndNodeSteps() async throws {
        let events = await exchange.turn(try provider(), prompt: "Run the chatflow").events
        let steps = events.finalSteps
        XCTAssertEqual(steps.map(\.kind), [.workflow, .node, .node, .node, .node])
        XCTAssertEqual(steps.map(\.name), ["workflow", "Start", "Knowledge Retrieval", "LLM", "Answer"])
        XCTAssertEqual(steps.dropFirst().map(\.label), ["start", "knowledge-retrieval", "llm", "answer"])
        XCTAssertTrue(steps.allSatisfy { $0.status == .completed })
        XCTAssertTrue(steps[0].input.contains(#""sys.query":"Run the chatflow""#), steps[0].input)
        XCTAssertEqual(
            events.text, "You asked about “Run the chatflow”. The chatflow ran Start, Knowledge Retrieval, LLM and Answer nodes to reply.")
        XCTAssertEqual(events.citations.map(\.title), ["lighthouses.md"])
        XCTAssertEqual(events.usage?.totalPrice, Price("0.0000621"))
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
    }

    func testInStreamErrorFailsAfterTheText() async throws {
        let events = await exchange.turn(try provider(), prompt: "force an error").events
        XCTAssertEqual(events.text, "Let me think about that")
        let failure = try XCTUnwrap(events.failure)
        XCTAssertEqual(failure.kind, .stream)
        XCTAssertEqual(failure.code, "completion_request_error")
        XCTAssertTrue(failure.message.hasPrefix("The model call failed: [openai] Rate Limit Error"), failure.message)
    }

    func testStreamWithoutMessageEndIsInterrupted() async throws {
        let events = await exchange.turn(try provider(), prompt: "interrupt me").events
        XCTAssertEqual(events.text, "This stream will stop before message_end arrives")
        XCTAssertEqual(events.failure?.kind, .interrupted)
    }

    func testBlockingModeGetsOneDocumentWithCitationAndUsage() async throws {
        let turn = await exchange.turn(try provider(), prompt: "hello", stream: false)
        XCTAssertEqual(turn.records.map(\.kind), [.document])
        let events = turn.events
        XCTAssertEqual(events.opened?.count, 36)
        XCTAssertTrue(events.text.hasPrefix("A blocking reply to “hello”"), events.text)
        XCTAssertEqual(events.citations.map(\.title), ["travel-notes.pdf"])
        XCTAssertEqual(events.usage?.totalPrice, Price("0.0011170"))
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
    }

    func testUnauthorizedPrefixGivesTheDifyErrorExplained() async throws {
        let events = await exchange.turn(try provider(root: "/scenario/dify-unauthorized/v1"), prompt: "hello").events
        let failure = try XCTUnwrap(events.failure)
        XCTAssertEqual(failure.kind, .http)
        XCTAssertEqual(failure.status, 401)
        XCTAssertEqual(failure.code, "unauthorized")
        XCTAssertEqual(failure.message, "Dify refused the API key: Access token is invalid")
    }

    func testCancellingAsksTheServerToStopTheTask() async throws {
        let cancelled = Locked(false)
        let turn = await exchange.turn(try provider(), prompt: "count slowly", stopGrace: 0.2) { records, run in
            if !cancelled.get(), records.contains(where: { !$0.events.text.isEmpty }) {
                cancelled.set(true)
                run.cancel()
            }
        }
        XCTAssertEqual(turn.events.failure?.kind, .cancelled)
        try await waitUntil("the stop request arrives") {
            server.receivedRequests.contains { $0.path.hasPrefix("/v1/chat-messages/") && $0.path.hasSuffix("/stop") }
        }
        let stop = try XCTUnwrap(server.receivedRequests.first { $0.path.hasSuffix("/stop") })
        XCTAssertEqual(stop.method, "POST")
        XCTAssertEqual(stop.json?["user"]?.stringValue, "parley")
        let answer = await exchange.call(try provider().stopRequest(taskID: "any-task"))
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(String(decoding: answer.body, as: UTF8.self), #"{"result":"success"}"#)
    }

    func testNewTurnsGetFreshIdsAndAContinuedTurnKeepsItsConversation() async throws {
        let first = await exchange.turn(try provider(), prompt: "hello").events.opened
        let second = await exchange.turn(try provider(), prompt: "hello").events.opened
        XCTAssertNotNil(first)
        XCTAssertNotEqual(first, second, "two new conversations never share an id")
        let continued = await exchange.turn(try provider(), prompt: "again", conversation: first).events.opened
        XCTAssertEqual(continued, first)
        XCTAssertEqual(server.receivedRequests.last?.json?["conversation_id"]?.stringValue, first)
    }
}
