import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

/// A 401 head makes the runner ask once for fresh credentials and send the turn again (PAIS OIDC tokens).
final class TurnRunnerRefreshTests: XCTestCase {
    private let unauthorized = ScriptedTransport.Script(
        status: 401, contentType: "application/json", chunks: [#"{"detail": "Not authenticated"}"#])

    private static func pais(_ token: String) -> PAISProvider {
        PAISProvider(baseURL: "http://127.0.0.1:9", agentID: "agent-7", token: token)
    }

    private func events(_ runner: RunStarter) async throws -> (updates: [RunUpdate], events: [StreamEvent]) {
        let run = runner.start(TurnRequest(messages: [ChatMessage(role: .user, content: "Who wrote Hamlet?")]))
        let updates = try await withDeadline(5) { () -> [RunUpdate] in
            var updates: [RunUpdate] = []
            for await update in run.updates { updates.append(update) }
            return updates
        }
        let events = updates.flatMap { update -> [StreamEvent] in
            if case .records(let records) = update { return records.flatMap(\.events) }
            return []
        }
        return (updates, events)
    }

    private func bearer(_ request: HTTPRequest) -> String? {
        request.headers.first { $0.name == "Authorization" }?.value
    }

    func testA401IsRetriedOnceWithTheFreshToken() async throws {
        let stream = String(decoding: try Fixtures.bytes("pais/V3-stream.sse"), as: UTF8.self)
        let transport = ScriptedTransport([unauthorized, .init(chunks: [stream])])
        let refreshes = RefreshCount()
        let runner = RunStarter(provider: Self.pais("expired"), transport: transport, refreshProvider: {
            refreshes.increment()
            return Self.pais("fresh")
        })
        let (updates, events) = try await events(runner)
        XCTAssertEqual(transport.requests.map(bearer), ["Bearer expired", "Bearer fresh"])
        XCTAssertEqual(refreshes.value, 1)
        XCTAssertEqual(transport.requests[0].body, transport.requests[1].body, "the same turn is sent again")
        let heads = updates.compactMap { update -> Int? in
            if case .head(let head, _) = update { return head.status }
            return nil
        }
        XCTAssertEqual(heads, [200], "the refused attempt leaves no head or records behind")
        XCTAssertEqual(events.first, .opened(conversationID: "5f0c3a9e-8b7d-4c6e-a5f4-3e2d1c0b9a87", messageID: nil))
        guard case .finished? = events.last else { return XCTFail("expected the retried turn to finish: \(events)") }
        XCTAssertFalse(events.contains { if case .failed = $0 { return true } else { return false } }, "\(events)")
    }

    func testASecond401IsShownAndNotRetriedAgain() async throws {
        let transport = ScriptedTransport([unauthorized, unauthorized, unauthorized])
        let runner = RunStarter(provider: Self.pais("expired"), transport: transport, refreshProvider: { Self.pais("also-bad") })
        let (_, events) = try await events(runner)
        XCTAssertEqual(transport.requests.count, 2)
        guard case .failed(let error)? = events.last else { return XCTFail("expected a failure: \(events)") }
        XCTAssertEqual(error.status, 401)
        XCTAssertTrue(error.message.contains("Not authenticated"), error.message)
    }

    func testAFailingRefreshEndsTheTurnWithItsReason() async throws {
        struct NoToken: Error, CustomStringConvertible {
            var description: String { "api_key_command exited with status 1" }
        }
        let transport = ScriptedTransport([unauthorized])
        let runner = RunStarter(provider: Self.pais("expired"), transport: transport, refreshProvider: { throw NoToken() })
        let (_, events) = try await events(runner)
        guard case .failed(let error)? = events.last else { return XCTFail("expected a failure: \(events)") }
        XCTAssertEqual(error.status, 401)
        XCTAssertTrue(error.message.contains("getting fresh ones failed: api_key_command exited with status 1"), error.message)
        XCTAssertEqual(transport.requests.count, 1)
    }

    func testWithoutARefreshThe401IsTheAnswer() async throws {
        let transport = ScriptedTransport([unauthorized, .init(chunks: ["data: [DONE]\n\n"])])
        let (_, events) = try await events(RunStarter(provider: Self.pais("expired"), transport: transport))
        XCTAssertEqual(transport.requests.count, 1)
        guard case .failed(let error)? = events.last else { return XCTFail("expected a failure: \(events)") }
        XCTAssertEqual(error.status, 401)
    }
}

/// A thread-safe count of calls.
private final class RefreshCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
