import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TestSupport
import XCTest

/// Pulling remote history: paging in both directions, bounded walks, partial failures, pulling again.
final class HistoryPullerTests: XCTestCase {
    private var store: SQLiteStore!
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pull-\(UUID().uuidString)")
        store = try SQLiteStore(path: directory.appendingPathComponent("test.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private let dify = DifyProvider(baseURL: "http://127.0.0.1:1/v1", user: "alice")

    private static func conversations(_ ids: [String], hasMore: Bool) -> String {
        let items = ids.map { #"{"id":"\#($0)","name":"Talk \#($0)","created_at":1767225600,"updated_at":1767225700}"# }
        return #"{"limit":100,"has_more":\#(hasMore),"data":[\#(items.joined(separator: ","))]}"#
    }

    private static func messages(_ ids: [String], hasMore: Bool) -> String {
        let items = ids.enumerated().map { i, id in
            #"{"id":"\#(id)","query":"question \#(id)","answer":"answer \#(id)","created_at":\#(1767225600 + i),"status":"normal"}"#
        }
        return #"{"limit":100,"has_more":\#(hasMore),"data":[\#(items.joined(separator: ","))]}"#
    }

    func testDifyPagesConversationsForwardAndMessagesBackward() async throws {
        let transport = RoutedTransport { url in
            switch (url.path, url.query("last_id"), url.query("conversation_id"), url.query("first_id")) {
            case ("/v1/conversations", nil, _, _): return (200, Self.conversations(["c1", "c2"], hasMore: true))
            case ("/v1/conversations", "c2", _, _): return (200, Self.conversations(["c3"], hasMore: false))
            case ("/v1/messages", _, "c1", nil): return (200, Self.messages(["m3", "m4"], hasMore: true))
            case ("/v1/messages", _, "c1", "m3"): return (200, Self.messages(["m1", "m2"], hasMore: false))
            case ("/v1/messages", _, let id?, nil): return (200, Self.messages([id + "-only"], hasMore: false))
            default: return (404, #"{"code":"not_found","message":"unexpected \#(url.string ?? "")","status":404}"#)
            }
        }
        let summary = try await HistoryPuller(transport: transport, store: store).pull(from: dify)
        XCTAssertEqual(summary.failures, [])
        XCTAssertEqual(summary.conversationsNew, 3)
        XCTAssertEqual(summary.messagesNew, 12)
        let id = try XCTUnwrap(store.conversationID(provider: "dify", remoteID: "c1"))
        let transcript = try XCTUnwrap(store.transcript(id: id))
        XCTAssertEqual(transcript.conversation.title, "Talk c1")
        XCTAssertEqual(transcript.messages.map(\.text), [
            "question m1", "answer m1", "question m2", "answer m2", "question m3", "answer m3", "question m4", "answer m4",
        ], "older pages come first")
        XCTAssertTrue(transport.requested.allSatisfy { $0.contains("user=alice") }, "\(transport.requested)")
    }

    func testARepeatedCursorEndsTheWalk() async throws {
        let transport = RoutedTransport { url in
            url.path == "/v1/conversations"
                ? (200, Self.conversations(["c1", "c2"], hasMore: true))
                : (200, Self.messages(["m1"], hasMore: true))
        }
        let summary = try await HistoryPuller(transport: transport, store: store).pull(from: dify)
        XCTAssertEqual(summary.conversationsNew, 2)
        XCTAssertEqual(summary.messagesNew, 4)
        XCTAssertLessThanOrEqual(transport.requested.count, 8, "a server that ignores cursors cannot keep the pull going: \(transport.requested)")
    }

    func testOneFailingConversationDoesNotStopTheOthers() async throws {
        let transport = RoutedTransport { url in
            switch (url.path, url.query("conversation_id")) {
            case ("/v1/conversations", _): return (200, Self.conversations(["c1", "gone"], hasMore: false))
            case (_, "gone"): return (404, #"{"code":"not_found","message":"Conversation Not Exists.","status":404}"#)
            default: return (200, Self.messages(["m1"], hasMore: false))
            }
        }
        let summary = try await HistoryPuller(transport: transport, store: store).pull(from: dify)
        XCTAssertEqual(summary.conversationsNew, 1)
        XCTAssertEqual(summary.failures.count, 1)
        XCTAssertTrue(summary.failures[0].hasPrefix("gone (Talk gone): HTTP 404"), summary.failures[0])
        XCTAssertTrue(summary.failures[0].contains("Conversation Not Exists."), summary.failures[0])
    }

    func testAnUnreadableListFailsThePull() async throws {
        let transport = RoutedTransport { _ in (401, #"{"code":"unauthorized","message":"Access token is invalid","status":401}"#) }
        do {
            _ = try await HistoryPuller(transport: transport, store: store).pull(from: dify)
            XCTFail("expected the pull to fail")
        } catch {
            XCTAssertTrue("\(error)".contains("Access token is invalid"), "\(error)")
        }
    }

    func testPullingAgainUpdatesAndKeepsLocalChoices() async throws {
        let answer = Locked("first")
        let transport = RoutedTransport { url in
            url.path == "/v1/conversations"
                ? (200, Self.conversations(["c1"], hasMore: false))
                : (200, #"{"has_more":false,"data":[{"id":"m1","query":"q","answer":"\#(answer.get())","created_at":1767225600}]}"#)
        }
        let puller = HistoryPuller(transport: transport, store: store)
        _ = try await puller.pull(from: dify)
        let id = try XCTUnwrap(store.conversationID(provider: "dify", remoteID: "c1"))
        try store.setPinned(conversation: id, true)
        answer.set("edited on the server")
        let again = try await puller.pull(from: dify)
        XCTAssertEqual(again.conversationsUpdated, 1)
        XCTAssertEqual(again.messagesUpdated, 2)
        XCTAssertEqual(again.messagesNew, 0)
        let transcript = try XCTUnwrap(store.transcript(id: id))
        XCTAssertEqual(transcript.messages.map(\.text), ["q", "edited on the server"])
        XCTAssertTrue(transcript.conversation.pinned)
    }

    func testHelixFollowsPagesAndKeysPromptAndReplyApart() async throws {
        let transport = RoutedTransport { url in
            if url.path == "/api/v1/sessions" {
                let page = Int(url.query("page") ?? "1") ?? 1
                return (200, #"{"sessions":[{"session_id":"ses_\#(page)","name":"Session \#(page)","created":"2026-01-01T09:40:01Z"}],"page":\#(page),"pageSize":50,"totalCount":2,"totalPages":2}"#)
            }
            let id = url.path.split(separator: "/").last.map(String.init) ?? ""
            return (200, #"{"id":"\#(id)","interactions":[{"id":"int_\#(id)","created":"2026-01-01T09:40:01Z","prompt_message":"hi","response_message":"hello from \#(id)","state":"complete"}]}"#)
        }
        let summary = try await HistoryPuller(transport: transport, store: store).pull(from: HelixProvider(baseURL: "http://127.0.0.1:1"))
        XCTAssertEqual(summary.failures, [])
        XCTAssertEqual(summary.conversationsNew, 2)
        XCTAssertEqual(summary.messagesNew, 4, "a prompt and its reply share the interaction id but are two messages")
        let id = try XCTUnwrap(store.conversationID(provider: "helix", remoteID: "ses_2"))
        XCTAssertEqual(try store.transcript(id: id)?.messages.map(\.text), ["hi", "hello from ses_2"])
    }

    func testProvidersWithoutAHistoryListAreRefused() async throws {
        let transport = RoutedTransport { _ in (200, "{}") }
        do {
            _ = try await HistoryPuller(transport: transport, store: store).pull(from: HummingbirdProvider(baseURL: "http://127.0.0.1:1"))
            XCTFail("expected a refusal")
        } catch let error as PullError {
            XCTAssertTrue(error.description.hasPrefix("Big Hummingbird has no endpoint that lists chat sessions"))
        }
        XCTAssertEqual(transport.requested, [])
    }
}
