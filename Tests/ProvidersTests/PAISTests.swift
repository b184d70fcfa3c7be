import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class PAISTests: XCTestCase {
    private let make: () -> any StreamDecoder = { PAISDecoder() }
    private let session = "5f0c3a9e-8b7d-4c6e-a5f4-3e2d1c0b9a87"
    private let hamlet = Citation(
        id: "a1f2e3d4-c5b6-4a79-8e0d-1c2b3a4f5e6d", position: 1, title: "hamlet.pdf",
        content: "Hamlet, Prince of Denmark, is a tragedy written by William Shakespeare.", score: 0.83,
        url: "s3://library/hamlet.pdf",
        metadata: [
            "document_id": "a1f2e3d4-c5b6-4a79-8e0d-1c2b3a4f5e6d", "score": "0.83", "origin_name": "hamlet.pdf",
            "origin_ref": "s3://library/hamlet.pdf",
        ])

    func testStreamOpensTheSessionAndCitesTheContext() throws {
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "pais/V3-stream.sse"), [
            .opened(conversationID: session, messageID: nil),
            .citations([hamlet]),
            .text("Good morrow!"),
            .text(" 'Tis I, the Bard of Avon."),
            .finished(reason: "stop"),
        ])
    }

    func testStreamWithExtrasOnTheLastChunkAndNoDone() throws {
        let whole = String(decoding: try Fixtures.bytes("pais/V3-stream.sse"), as: UTF8.self)
        var events = whole.components(separatedBy: "\n\n").filter { !$0.isEmpty && $0 != "data: [DONE]" }
        let first = events.removeFirst()
        let extras = first.components(separatedBy: #","id":"#)[0].dropFirst("data: {".count)
        events.insert(#"data: {"id":"3cdb958c","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#, at: 0)
        events[events.count - 1] = events[events.count - 1].replacingOccurrences(of: "data: {", with: "data: {\(extras),")
        let events2 = ReplayHarness.events(make, bytes: Array((events.joined(separator: "\n\n") + "\n\n").utf8))
        XCTAssertEqual(events2, [
            .text("Good morrow!"), .text(" 'Tis I, the Bard of Avon."),
            .opened(conversationID: session, messageID: nil), .citations([hamlet]),
            .finished(reason: "stop"),
        ])
    }

    func testBlockingRepliesWithAndWithoutSession() throws {
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "pais/V2-blocking.json", head: ReplayHarness.json()), [
            .opened(conversationID: session, messageID: nil),
            .citations([hamlet]),
            .text("Good morrow! 'Tis I, the Bard of Avon."),
            .usage(Usage(promptTokens: 41, completionTokens: 12, totalTokens: 53)),
            .finished(reason: "stop"),
        ])
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "pais/V1-blocking-docs.json", head: ReplayHarness.json()), [
            .text("Hello! I am an AI assistant"),
            .usage(Usage(promptTokens: 10, completionTokens: 8, totalTokens: 18)),
            .finished(reason: "stop"),
        ])
    }

    func testDocumentedChunkWithAnOddChoiceIndexStillReads() throws {
        let chunk = String(decoding: try Fixtures.bytes("pais/V1-chunk-docs.json"), as: UTF8.self)
        var decoder = PAISDecoder()
        XCTAssertEqual(decoder.decode(SSEEvent(data: chunk)), [.text("you?")])
        XCTAssertEqual(decoder.finish(), [.finished(reason: "stop")])
    }

    func testErrorsKeepStatusAndReadAsSent() throws {
        XCTAssertEqual(try ReplayHarness.events(make, httpFixture: "pais/V4-validation.http"), [
            .failed(ProviderError(
                kind: .http, status: 422, code: "validation_error",
                message: "The server rejected the request: messages: Field required")),
        ])
        var decoder = PAISDecoder()
        XCTAssertEqual(decoder.decodeDocument(
            status: 404, contentType: "application/json", body: Array(#"{"detail":"No agent found with the specified ID"}"#.utf8)),
            [.failed(ProviderError(kind: .http, status: 404, message: "No agent found with the specified ID"))])
        let unauthorized = PAISDecoder.httpError(status: 401, body: Array("Unauthorized".utf8))
        XCTAssertEqual(unauthorized.status, 401)
        XCTAssertTrue(unauthorized.message.hasSuffix("Server said: Unauthorized"), unauthorized.message)
        let nested = ErrorDocument.providerError(status: 422, body: Array(
            #"{"detail":[{"loc":["body","messages",0,"role"],"msg":"Input should be 'user' or 'assistant'","type":"literal_error"},{"loc":["body","temperature"],"msg":"ensure this value is less than or equal to 2","type":"value_error.number.not_le"}]}"#.utf8))
        XCTAssertEqual(nested.message, "The server rejected the request: messages[0].role: Input should be 'user' or 'assistant'; temperature: ensure this value is less than or equal to 2")
    }

    func testFirstTurnCreatesASessionAndLaterTurnsStoreInIt() throws {
        let provider = PAISProvider(baseURL: "https://pais.example.com", agentID: "agent 7", token: "tok")
        let first = try provider.makeRequest(for: TurnRequest(messages: [
            ChatMessage(role: .system, content: "not sent"), ChatMessage(role: .user, content: "Who are you?"),
        ]))
        XCTAssertEqual(first.url, "https://pais.example.com/api/v1/compatibility/openai/v1/assistants/agent%207/chat/completions")
        XCTAssertEqual(first.headers.value(for: "Authorization"), "Bearer tok")
        XCTAssertEqual(String(decoding: first.body, as: UTF8.self), #"{"create_session":true,"messages":[{"content":"Who are you?","role":"user"}],"stream":true}"#)
        let agents = PAISProvider(baseURL: "https://pais.example.com", agentID: "a1", endpoint: .agents)
        let later = try agents.makeRequest(for: TurnRequest(
            messages: [ChatMessage(role: .user, content: "Who are you?"), ChatMessage(role: .assistant, content: "The Bard."),
                       ChatMessage(role: .user, content: "Which play is your favourite?")],
            remoteConversationID: session))
        XCTAssertEqual(later.url, "https://pais.example.com/api/v1/compatibility/openai/v1/agents/a1/chat/completions")
        XCTAssertNil(later.headers.value(for: "Authorization"))
        XCTAssertEqual(String(decoding: later.body, as: UTF8.self), #"{"messages":[{"content":"Which play is your favourite?","role":"user"}],"store_in_session":"5f0c3a9e-8b7d-4c6e-a5f4-3e2d1c0b9a87","stream":true}"#)
    }
}
