import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

/// Provider capabilities the runner drives: creating a session first, and asking the server to stop.
final class TurnRunnerTests: XCTestCase {
    private func collect(_ run: RunHandle) async throws -> [RunUpdate] {
        try await withDeadline(5) {
            var updates: [RunUpdate] = []
            for await update in run.updates { updates.append(update) }
            return updates
        }
    }

    func testBigHummingbirdCreatesASessionBeforeTheFirstTurn() async throws {
        let transport = ScriptedTransport([
            .init(contentType: "application/json", chunks: [#"{"chat_session_id": "chatSessionId123"}"#]),
            .init(contentType: "application/json", chunks: [#"{"message": "Bonjour!"}"#]),
        ])
        let provider = HummingbirdProvider(
            baseURL: "http://127.0.0.1:9/deploy", variables: [.init(key: "country", value: "France")])
        let runner = RunStarter(provider: provider, transport: transport)
        let updates = try await collect(runner.start(TurnRequest(messages: [ChatMessage(role: .user, content: "Hi")])))
        let events = updates.flatMap { update -> [StreamEvent] in
            if case .records(let records) = update { return records.flatMap(\.events) }
            return []
        }
        XCTAssertEqual(events.first, .opened(conversationID: "chatSessionId123", messageID: nil))
        XCTAssertTrue(events.contains(.text("Bonjour!")), "\(events)")
        XCTAssertEqual(transport.requests.map(\.url), [
            "http://127.0.0.1:9/deploy/create-chat-session", "http://127.0.0.1:9/deploy/invoke",
        ])
        XCTAssertTrue(String(decoding: transport.requests[1].body, as: UTF8.self).contains("chatSessionId123"))
    }

    func testFailedSessionCreationEndsTheTurnWithItsError() async throws {
        let transport = ScriptedTransport([.init(status: 403, contentType: "text/plain", chunks: ["forbidden"])])
        let runner = RunStarter(provider: HummingbirdProvider(baseURL: "http://127.0.0.1:9/d"), transport: transport)
        let updates = try await collect(runner.start(TurnRequest(messages: [ChatMessage(role: .user, content: "Hi")])))
        guard case .records(let records)? = updates.last, case .failed(let error)? = records.last?.events.last else {
            return XCTFail("expected a failure, got \(updates)")
        }
        XCTAssertEqual(error.status, 403)
        XCTAssertEqual(transport.requests.count, 1, "no turn is sent without a session")
    }

    func testCancellingADifyTurnAsksTheServerToStop() async throws {
        let first = #"data: {"event": "message", "task_id": "task-42", "message_id": "m1", "conversation_id": "c1", "answer": "Hel", "created_at": 1}"#
        let transport = ScriptedTransport([
            .init(chunks: [first + "\n\n"], holdOpen: true),
            .init(contentType: "application/json", chunks: [#"{"result": "success"}"#]),
        ])
        let provider = DifyProvider(baseURL: "http://127.0.0.1:9", apiKey: "app-x", user: "tester")
        let runner = RunStarter(provider: provider, transport: transport, stopGrace: 0)
        let run = runner.start(TurnRequest(messages: [ChatMessage(role: .user, content: "Hi")]))
        let outcome = try await withDeadline(5) { () -> Message in
            var reply = Message(id: "r", role: .assistant, status: .streaming)
            for await update in run.updates {
                guard case .records(let records) = update else { continue }
                for event in records.flatMap(\.events) { reply.apply(event) }
                if reply.text == "Hel" { run.cancel() }
            }
            return reply
        }
        XCTAssertEqual(outcome.status, .cancelled)
        XCTAssertEqual(outcome.text, "Hel")
        XCTAssertEqual(transport.requests.count, 2, "the stop request went out before the stream was dropped")
        let stop = try XCTUnwrap(transport.requests.last)
        XCTAssertEqual(stop.url, "http://127.0.0.1:9/v1/chat-messages/task-42/stop")
        XCTAssertTrue(String(decoding: stop.body, as: UTF8.self).contains("tester"))
    }
}
