import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class HummingbirdTests: XCTestCase {
    private let provider = HummingbirdProvider(
        baseURL: "http://127.0.0.1:9000/deploy", variables: [.init(key: "country", value: "France")])

    func testCreateSessionSendsVariablesAndReadsTheID() throws {
        let request = try provider.createSessionRequest()
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url, "http://127.0.0.1:9000/deploy/create-chat-session")
        XCTAssertEqual(request.headers.map(\.name), ["Content-Type", "Accept"])
        let sent = try JSONSerialization.jsonObject(with: Data(request.body)) as? NSArray
        let documented = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("hummingbird/B2-create-request.json"))) as? NSArray
        XCTAssertEqual(sent, documented)
        XCTAssertEqual(HummingbirdProvider.sessionCreated(status: 200, body: try Fixtures.bytes("hummingbird/B2-create-response.json")),
                       [.opened(conversationID: "chatSessionId123", messageID: nil)])
        guard case .failed(let error) = HummingbirdProvider.sessionCreated(
            status: 500, body: Array(#"{"error":"engine down"}"#.utf8)).first
        else { return XCTFail("expected a failure") }
        XCTAssertEqual(error.status, 500)
        XCTAssertEqual(error.message, "engine down")
    }

    func testInvokeNeedsASessionAndReadsTheBlockingMessage() throws {
        XCTAssertThrowsError(try provider.makeRequest(for: TurnRequest(messages: [ChatMessage(role: .user, content: "hi")])))
        let auth = HummingbirdProvider(baseURL: "http://127.0.0.1:9000", authHeaderName: "X-Api-Key", authHeaderValue: "k1")
        let request = try auth.makeRequest(for: TurnRequest(
            messages: [ChatMessage(role: .user, content: "Help me plan a trip.")], remoteConversationID: "chatSessionId123"))
        XCTAssertEqual(request.url, "http://127.0.0.1:9000/invoke")
        XCTAssertEqual(request.headers.value(for: "X-Api-Key"), "k1")
        let sent = try JSONSerialization.jsonObject(with: Data(request.body)) as? NSDictionary
        let documented = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("hummingbird/B2-invoke-request.json"))) as? NSDictionary
        XCTAssertEqual(sent, documented)
        let events = try ReplayHarness.events(
            { HummingbirdDecoder() }, fixture: "hummingbird/B2-invoke-response.json", head: ReplayHarness.json())
        XCTAssertEqual(events, [
            .text("For your trip to Paris, I can help with hotels, must-see attractions like the Eiffel Tower and the Louvre, and dining spots. Just let me know your travel dates and any preferences, and we'll start planning your perfect itinerary!"),
            .finished(reason: "stop"),
        ])
        let failure = ReplayHarness.events(
            { HummingbirdDecoder() }, head: ReplayHarness.json(status: 404), bytes: Array(#"{"detail":"Not Found"}"#.utf8))
        XCTAssertEqual(failure, [.failed(ProviderError(kind: .http, status: 404, message: "Not Found"))])
    }

    func testHistoryAndDelete() throws {
        XCTAssertEqual(provider.historyRequest(sessionID: "chatSessionId123").url,
                       "http://127.0.0.1:9000/deploy/chat-session/chatSessionId123")
        let history = try HummingbirdProvider.parseHistory(status: 200, body: Fixtures.bytes("hummingbird/B2-history.json"))
        XCTAssertEqual(history.messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(history.messages[0].text, "Help me plan a trip.")
        XCTAssertTrue(history.messages[1].text.hasPrefix("For your trip to Paris"))
        let delete = provider.deleteRequest(sessionID: "chatSessionId123")
        XCTAssertEqual(delete.method, "DELETE")
        XCTAssertEqual(delete.url, "http://127.0.0.1:9000/deploy/chat-session/chatSessionId123")
        XCTAssertEqual(HummingbirdProvider.parseDeleted(status: 204, body: []), .deleted)
        guard case .refused(let error) = HummingbirdProvider.parseDeleted(status: 405, body: Array("Method Not Allowed".utf8)) else {
            return XCTFail("a 405 is a refusal")
        }
        XCTAssertEqual(error.message, "The server did not delete the session (HTTP 405); it is forgotten locally only. Server said: Method Not Allowed")
    }
}
