import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class DifyRequestTests: XCTestCase {
    private let provider = DifyProvider(
        baseURL: "http://127.0.0.1:5001/v1/", apiKey: "app-secret", user: "abc-123", inputs: ["name": "dify"],
        files: [
            .init(type: "image", source: .remoteURL("https://example.com/cat.png")),
            .init(type: "document", source: .uploaded(id: "72fa9618-8f89-4a37-9b33-7e1178a24a67")),
        ],
        autoGenerateName: false)

    func testFirstTurnSendsOnlyTheQueryWithAnEmptyConversation() throws {
        let turn = TurnRequest(messages: [
            ChatMessage(role: .user, content: "earlier"), ChatMessage(role: .assistant, content: "reply"),
            ChatMessage(role: .user, content: "draw a cute cat"),
        ])
        let request = try provider.makeRequest(for: turn)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url, "http://127.0.0.1:5001/v1/chat-messages")
        XCTAssertEqual(request.headers.value(for: "Authorization"), "Bearer app-secret")
        XCTAssertEqual(request.headers.value(for: "Accept"), "text/event-stream")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"auto_generate_name":false,"conversation_id":"","files":[{"transfer_method":"remote_url","type":"image","url":"https://example.com/cat.png"},{"transfer_method":"local_file","type":"document","upload_file_id":"72fa9618-8f89-4a37-9b33-7e1178a24a67"}],"inputs":{"name":"dify"},"query":"draw a cute cat","response_mode":"streaming","user":"abc-123"}"#)
    }

    func testLaterBlockingTurnContinuesTheConversation() throws {
        let plain = DifyProvider(baseURL: "http://127.0.0.1:5001", user: "u")
        let request = try plain.makeRequest(for: TurnRequest(
            messages: [ChatMessage(role: .user, content: "again")], remoteConversationID: "45701982-8118-4bc5-8e9b-64562b4555f2",
            stream: false))
        XCTAssertEqual(request.url, "http://127.0.0.1:5001/v1/chat-messages")
        XCTAssertNil(request.headers.value(for: "Authorization"))
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"conversation_id":"45701982-8118-4bc5-8e9b-64562b4555f2","inputs":{},"query":"again","response_mode":"blocking","user":"u"}"#)
    }

    func testStopRequestUsesTheTaskIDFromTheStream() throws {
        let bytes = try Fixtures.bytes("dify/D1-agent-chat.sse")
        let records = ReplayHarness.records(DifyDecoder(), head: ReplayHarness.eventStream, chunks: [bytes.prefix(700)])
        XCTAssertEqual(DifyProvider.taskID(in: records), "a1b2c3d4-e5f6-4711-8899-aabbccddeeff")
        let stop = try XCTUnwrap(provider.stopRequest(after: records))
        XCTAssertEqual(stop.method, "POST")
        XCTAssertEqual(stop.url, "http://127.0.0.1:5001/v1/chat-messages/a1b2c3d4-e5f6-4711-8899-aabbccddeeff/stop")
        XCTAssertEqual(String(decoding: stop.body, as: UTF8.self), #"{"user":"abc-123"}"#)
        XCTAssertNil(provider.stopRequest(after: []))
    }

    func testBlockingReplyWithCitationsAndStringPrices() throws {
        let events = try ReplayHarness.events({ DifyDecoder() }, fixture: "dify/D5-blocking.json", head: ReplayHarness.json())
        XCTAssertEqual(events.count, 5)
        XCTAssertEqual(events.first, .opened(
            conversationID: "45701982-8118-4bc5-8e9b-64562b4555f2", messageID: "9da23599-e713-473b-982c-4328d4f5c78a"))
        XCTAssertEqual(events[1], .text("iPhone 13 Pro Max specs are listed here: 6.7 inch display, A15 chip, iOS 15."))
        guard case .citations(let citations) = events[2] else { return XCTFail("expected citations") }
        XCTAssertEqual(citations.count, 1)
        XCTAssertEqual(citations[0].title, "iPhone List")
        XCTAssertEqual(citations[0].source, "iPhone")
        XCTAssertEqual(citations[0].content, "\"Model\",\"Release Date\"\n\"iPhone 13 Pro Max\",\"September 24, 2021\"")
        XCTAssertEqual(citations[0].score, 0.98457545)
        XCTAssertEqual(citations[0].metadata?["word_count"], "97")
        guard case .usage(let usage) = events[3] else { return XCTFail("expected usage") }
        XCTAssertEqual(usage.totalPrice, Price("0.0012890"), "the price as the server wrote it")
        XCTAssertEqual(usage.totalTokens, 1161)
        XCTAssertEqual(events[4], .finished(reason: "stop"))
    }

    func testDify013BlockingCapture() throws {
        let events = try ReplayHarness.events({ DifyDecoder() }, fixture: "dify/dify-0.13-blocking.json", head: ReplayHarness.json())
        XCTAssertEqual(ReplayHarness.text(events), "Hi there, this is fakellm streaming word by word.")
        XCTAssertEqual(events.first, .opened(
            conversationID: "69a4e060-8382-4b9c-80ad-6f754e52fc3f", messageID: "1ec07a2b-8b81-4b3c-baf7-7f98cda5c4c5"))
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    func testHTTPErrorsBecomeClearMessages() throws {
        XCTAssertEqual(try ReplayHarness.events({ DifyDecoder() }, httpFixture: "dify/D6-not-found.http"), [
            .failed(ProviderError(
                kind: .http, status: 404, code: "not_found",
                message: "Dify could not find it (conversations and messages belong to one user): Conversation Not Exists.")),
        ])
        XCTAssertEqual(try ReplayHarness.events({ DifyDecoder() }, httpFixture: "dify/D6-invalid-param.http"), [
            .failed(ProviderError(
                kind: .http, status: 400, code: "invalid_param",
                message: "Dify rejected a parameter: Agent Chat App does not support blocking mode")),
        ])
        XCTAssertEqual(try ReplayHarness.events({ DifyDecoder() }, httpFixture: "dify/D6-unauthorized.http"), [
            .failed(ProviderError(
                kind: .http, status: 401, code: "unauthorized", message: "Dify refused the API key: Access token is invalid")),
        ])
        let suggestion = Array(#"{"code": "not_found", "message": "Conversation Not Exists. You have requested this URI [/v1/chat-messages] but did you mean /v1/chat-messages ?", "status": 404}"#.utf8)
        XCTAssertEqual(DifyErrors.httpError(status: 404, body: suggestion).message,
                       "Dify could not find it (conversations and messages belong to one user): Conversation Not Exists.")
    }
}
