import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class HelixTests: XCTestCase {
    private let make: () -> any StreamDecoder = { HelixDecoder() }
    private let session = "ses_01k8zq3m5v9w2x4y6z8a0b1c2d"

    func testBasicStreamOpensTheSessionAndFinishes() throws {
        let events = try ReplayHarness.events(make, fixture: "helix/H1-basic.sse")
        XCTAssertEqual(events, [
            .opened(conversationID: session, messageID: nil),
            .text("The Faroe Islands"),
            .text(" lie in the North Atlantic, about halfway between Iceland and Norway."),
            .finished(reason: "stop"),
        ])
    }

    func testStreamWithoutDoneFromOlderHelixEndsAfterTheFinishReason() throws {
        let whole = String(decoding: try Fixtures.bytes("helix/H1-basic.sse"), as: UTF8.self)
        let older = whole.replacingOccurrences(of: "data: [DONE]\n\n", with: "")
        let events = ReplayHarness.events(make, bytes: Array(older.utf8))
        XCTAssertEqual(events.last, .finished(reason: "stop"))
        XCTAssertEqual(ReplayHarness.text(events), "The Faroe Islands lie in the North Atlantic, about halfway between Iceland and Norway.")
    }

    func testAgentThinkTagsBecomeReasoning() throws {
        let events = try ReplayHarness.events(make, fixture: "helix/H2-agent.sse")
        XCTAssertEqual(events, [
            .opened(conversationID: session, messageID: nil),
            .reasoning("Looking up the knowledge base for Faroe Islands."),
            .text("The Faroe Islands are "),
            .text("a Danish self-governing archipelago."),
            .finished(reason: "stop"),
        ])
    }

    func testThinkTagsSplitAcrossChunksStillBecomeReasoning() {
        let pieces = ["Sure. <th", "ink>plan", " it</thi", "nk>Answer <b>bold</b> <", "/think>"]
        let stream = pieces.map { piece -> String in
            let json = try! JSONSerialization.data(withJSONObject: ["content": piece])
            return #"data: {"id":"ses_1","choices":[{"index":0,"delta":"# + String(decoding: json, as: UTF8.self) + "}]}\n\n"
        }.joined() + #"data: {"id":"ses_1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
        let events = ReplayHarness.events(make, bytes: Array(stream.utf8))
        XCTAssertEqual(ReplayHarness.reasoning(events), "plan it")
        XCTAssertEqual(ReplayHarness.text(events), "Sure. Answer <b>bold</b> </think>")
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    /// Tags beside multi-byte text, cut at every byte of a chunk, split the same way; a long piece is not
    /// turned into characters (a 20 MB reply used to take 700 MB).
    func testThinkTagsBesideMultiByteTextSplitTheSameWhereverChunksEnd() {
        let whole = "Sûre 👍 <think>pläñ 🧠</think>Ànswer <b>é</b>"
        let bytes = Array(whole.utf8)
        for cut in 1..<bytes.count {
            guard let first = String(validating: bytes[..<cut], as: UTF8.self),
                  let second = String(validating: bytes[cut...], as: UTF8.self) else { continue }
            let stream = [first, second].map { piece -> String in
                let json = try! JSONSerialization.data(withJSONObject: ["content": piece])
                return #"data: {"id":"ses_1","choices":[{"index":0,"delta":"# + String(decoding: json, as: UTF8.self) + "}]}\n\n"
            }.joined() + #"data: {"id":"ses_1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\n"
            let events = ReplayHarness.events(make, bytes: Array(stream.utf8))
            XCTAssertEqual(ReplayHarness.reasoning(events), "pläñ 🧠", "cut at byte \(cut)")
            XCTAssertEqual(ReplayHarness.text(events), "Sûre 👍 Ànswer <b>é</b>", "cut at byte \(cut)")
        }
    }

    func testErrorChunksFailTheTurnEvenWhenTheyAreNotJSON() throws {
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "helix/H3-stream-error.sse"), [
            .opened(conversationID: session, messageID: nil),
            .failed(ProviderError(kind: .stream, message: "failed to get client: no provider found for model qwen3:8b")),
        ])
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "helix/H3b-invalid-error-json.sse"), [
            .opened(conversationID: session, messageID: nil),
            .failed(ProviderError(kind: .stream, message: #"error, status code: 400, message: "model "qwen3:8b" not found""#)),
        ])
    }

    func testBlockingRepliesInBothShapes() throws {
        let current = try ReplayHarness.events(make, fixture: "helix/H4-blocking.json", head: ReplayHarness.json())
        XCTAssertEqual(current, [
            .opened(conversationID: session, messageID: nil),
            .text("The Faroe Islands lie in the North Atlantic, about halfway between Iceland and Norway."),
            .usage(Usage(promptTokens: 31, completionTokens: 19, totalTokens: 50)),
            .finished(reason: "stop"),
        ])
        let legacy = try ReplayHarness.events(make, fixture: "helix/H5-legacy-blocking.json", head: ReplayHarness.json())
        XCTAssertEqual(legacy, [
            .opened(conversationID: "ses_01a4t10c132825d3k037tyh7ap", messageID: nil),
            .text("The Faroe Islands (Føroyar in Faroese) are a North Atlantic archipelago located halfway between Iceland and Norway."),
            .usage(Usage(promptTokens: 0, completionTokens: 168, totalTokens: 168)),
            .finished(reason: "stop"),
        ])
    }

    func testLegacyImageStreamFinishesWithoutTextOrDone() throws {
        XCTAssertEqual(try ReplayHarness.events(make, fixture: "helix/H6-image-legacy.sse"), [
            .opened(conversationID: "ses_01j9f0k2m4n6p8r0t2v4w6y8z0", messageID: nil),
            .usage(Usage(promptTokens: 0, completionTokens: 0, totalTokens: 0)),
            .usage(Usage(promptTokens: 0, completionTokens: 0, totalTokens: 0)),
            .finished(reason: "stop"),
        ])
    }

    func testPlainTextErrorBeforeTheStream() throws {
        XCTAssertEqual(try ReplayHarness.events(make, httpFixture: "helix/H7-bad-request.http"), [
            .failed(ProviderError(kind: .http, status: 400, message: "messages must not be empty")),
        ])
    }

    func testNewSessionRequestCarriesSystemAndOnlyTheLastMessage() throws {
        let provider = HelixProvider(
            baseURL: "http://127.0.0.1:8080/", apiKey: "hl-key", appID: "app_1", assistantID: "0", model: "qwen3:8b",
            system: "you are an intelligent assistant that helps with geography")
        let request = try provider.makeRequest(for: TurnRequest(messages: [
            ChatMessage(role: .user, content: "hi"), ChatMessage(role: .assistant, content: "hello"),
            ChatMessage(role: .user, content: "where are the Faroe islands located?"),
        ]))
        XCTAssertEqual(request.url, "http://127.0.0.1:8080/api/v1/sessions/chat")
        XCTAssertEqual(request.headers.value(for: "Authorization"), "Bearer hl-key")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"app_id":"app_1","assistant_id":"0","messages":[{"content":{"content_type":"text","parts":["where are the Faroe islands located?"]},"role":"user"}],"model":"qwen3:8b","session_id":"","stream":true,"system":"you are an intelligent assistant that helps with geography"}"#)
    }

    func testContinuationAndRegenerateRequests() throws {
        var provider = HelixProvider(baseURL: "http://127.0.0.1:8080", system: "ignored later", sessionType: "image")
        let turn = TurnRequest(
            messages: [ChatMessage(role: .user, content: "a"), ChatMessage(role: .assistant, content: "b"),
                       ChatMessage(role: .user, content: "c")],
            remoteConversationID: session, stream: false)
        XCTAssertEqual(String(decoding: try provider.makeRequest(for: turn).body, as: UTF8.self),
                       #"{"messages":[{"content":{"content_type":"text","parts":["c"]},"role":"user"}],"session_id":"ses_01k8zq3m5v9w2x4y6z8a0b1c2d","stream":false,"type":"image"}"#)
        provider.sessionType = nil
        provider.interactionID = "int_01"
        provider.regenerate = true
        let body = try XCTUnwrap(ReplayHarness.body(try provider.makeRequest(for: turn)))
        XCTAssertEqual((body["messages"] as? [Any])?.count, 3)
        XCTAssertEqual(body["interaction_id"] as? String, "int_01")
        XCTAssertEqual(body["regenerate"] as? Bool, true)
    }

    func testSessionListInBothShapes() throws {
        let provider = HelixProvider(baseURL: "http://127.0.0.1:8080")
        XCTAssertEqual(provider.listSessionsRequest(page: 2, pageSize: 10).url,
                       "http://127.0.0.1:8080/api/v1/sessions?page=2&page_size=10")
        let page = try HelixProvider.parseSessionList(status: 200, body: Fixtures.bytes("helix/H8-sessions.json"))
        XCTAssertEqual(page.conversations.count, 1)
        let item = page.conversations[0]
        XCTAssertEqual(item.id, session)
        XCTAssertEqual(item.title, "Faroe Islands location")
        XCTAssertEqual(item.summary, "where are the Faroe islands located?")
        XCTAssertEqual(item.model, "qwen3:8b")
        XCTAssertEqual(item.createdAt?.timeIntervalSince1970 ?? 0, 1767225601.123456, accuracy: 1e-5)
        XCTAssertEqual(item.updatedAt?.timeIntervalSince1970 ?? 0, 1767225609.5, accuracy: 1e-6)
        XCTAssertFalse(page.hasMore)
        XCTAssertEqual(page.totalCount, 1)
        let older = Array(#"{"counter":{"count":3},"sessions":[{"created":"2024-08-08T22:16:04.123456789+02:00","session_id":"ses_a","name":"one","interaction_id":"","model_name":"llama3:instruct","mode":"inference","type":"text","summary":"hi"}]}"#.utf8)
        let oldPage = try HelixProvider.parseSessionList(status: 200, body: older)
        XCTAssertEqual(oldPage.conversations.map(\.id), ["ses_a"])
        XCTAssertEqual(oldPage.totalCount, 3)
        XCTAssertTrue(oldPage.hasMore)
        XCTAssertEqual(oldPage.conversations[0].createdAt?.timeIntervalSince1970 ?? 0, 1723148164.123456789, accuracy: 1e-5)
    }

    func testSessionInteractionsBecomeATranscript() throws {
        let provider = HelixProvider(baseURL: "http://127.0.0.1:8080")
        XCTAssertEqual(provider.sessionRequest(id: session).url, "http://127.0.0.1:8080/api/v1/sessions/\(session)")
        let transcript = try provider.parseSession(status: 200, body: Fixtures.bytes("helix/H9-session.json"))
        XCTAssertEqual(transcript.messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(transcript.messages.map(\.text), [
            "where are the Faroe islands located?",
            "The Faroe Islands lie in the North Atlantic, about halfway between Iceland and Norway.",
        ])
        XCTAssertEqual(transcript.messages[1].remoteID, "int_01k8zq3m6a7b8c9d0e1f2g3h4j")
        XCTAssertEqual(transcript.messages[1].status, .complete)

        let failedImage = Array(#"{"id":"ses_i","interactions":[{"id":"int_1","created":"2024-10-09T08:00:00Z","prompt_message":"a red fox","response_message":"","files":["dev/users/u1/sessions/ses_i/results/fox.png"],"state":"complete","error":""},{"id":"int_2","created":"2024-10-09T08:01:00Z","prompt_message":"again","response_message":"","state":"error","error":"runner crashed"}]}"#.utf8)
        let images = try provider.parseSession(status: 200, body: failedImage)
        XCTAssertEqual(images.messages[1].files, [Attachment(
            type: "image", url: "http://127.0.0.1:8080/api/v1/filestore/viewer/dev/users/u1/sessions/ses_i/results/fox.png",
            name: "fox.png", belongsTo: "assistant")])
        XCTAssertEqual(images.messages[3].status, .failed)
        XCTAssertEqual(images.messages[3].error?.message, "runner crashed")
    }

    func testRenameAndDeleteRequests() throws {
        let provider = HelixProvider(baseURL: "http://127.0.0.1:8080", apiKey: "hl-k")
        let rename = try provider.renameSessionRequest(id: session, name: "Faroe")
        XCTAssertEqual(rename.method, "PUT")
        XCTAssertEqual(String(decoding: rename.body, as: UTF8.self), #"{"name":"Faroe"}"#)
        XCTAssertEqual(provider.deleteSessionRequest(id: session).method, "DELETE")
        let renamed = try HelixProvider.parseRenamedSession(status: 200, body: Fixtures.bytes("helix/H9-session.json"))
        XCTAssertEqual(renamed.title, "Faroe Islands location")
        XCTAssertThrowsError(try HelixProvider.parseDeleted(status: 500, body: Array("failed to get session ses_x, error: not found\n".utf8))) {
            XCTAssertEqual(($0 as? ProviderError)?.message, "failed to get session ses_x, error: not found")
        }
    }
}
