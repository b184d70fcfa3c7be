import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class DifyCompanionTests: XCTestCase {
    private let provider = DifyProvider(baseURL: "http://127.0.0.1:5001/v1", apiKey: "app-k", user: "abc 123")

    func testConversationListPagesWithTheLastID() throws {
        let first = provider.conversationsRequest()
        XCTAssertEqual(first.method, "GET")
        XCTAssertEqual(first.url, "http://127.0.0.1:5001/v1/conversations?user=abc%20123&limit=20")
        let page = try DifyReplies.conversations(status: 200, body: Fixtures.bytes("dify/D7-conversations.json"))
        XCTAssertEqual(page.conversations.map(\.title), ["Drawing a cat", "iPhone specs"])
        XCTAssertEqual(page.conversations[0].updatedAt, Date(timeIntervalSince1970: 1767225612))
        XCTAssertTrue(page.hasMore)
        XCTAssertEqual(page.nextCursor, "45701982-8118-4bc5-8e9b-64562b4555f2")
        XCTAssertEqual(
            provider.conversationsRequest(lastID: page.nextCursor, limit: 50, sortBy: "-updated_at").url,
            "http://127.0.0.1:5001/v1/conversations?user=abc%20123&last_id=45701982-8118-4bc5-8e9b-64562b4555f2&limit=50&sort_by=-updated_at")
        let captured = try DifyReplies.conversations(status: 200, body: Fixtures.bytes("dify/dify-0.13-conversations.json"))
        XCTAssertEqual(captured.conversations.map(\.title), ["New conversation"])
        XCTAssertFalse(captured.hasMore)
        XCTAssertNil(captured.nextCursor)
    }

    func testMessagesBecomeATranscriptWithStepsFilesAndFeedback() throws {
        XCTAssertEqual(
            provider.messagesRequest(conversationID: "c1", firstID: "m0", limit: 10).url,
            "http://127.0.0.1:5001/v1/messages?conversation_id=c1&user=abc%20123&first_id=m0&limit=10")
        let page = try DifyReplies.messages(status: 200, body: Fixtures.bytes("dify/D8-messages.json"))
        XCTAssertEqual(page.messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(page.messages[0].text, "draw a cute cat")
        let answer = page.messages[1]
        XCTAssertEqual(answer.text, "Let me draw that for you.\nHere is your cat picture.")
        XCTAssertEqual(answer.remoteID, "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c")
        XCTAssertEqual(answer.steps.map(\.name), ["dalle3", "thought 2"])
        XCTAssertEqual(answer.steps[0].input, #"{"dalle3": {"prompt": "a cute cat"}}"#)
        XCTAssertEqual(answer.steps[0].fileIDs, ["9d2b9f50-3e4f-4a71-8c1d-2e3f4a5b6c7d"])
        XCTAssertEqual(answer.steps[0].label, "DALL-E 3")
        XCTAssertEqual(answer.files.map(\.name), ["e0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b.png"])
        XCTAssertEqual(answer.files.first?.type, "image")
        XCTAssertFalse(page.hasMore)
        let captured = try DifyReplies.messages(status: 200, body: Fixtures.bytes("dify/dify-0.13-messages.json"))
        XCTAssertEqual(captured.messages.map(\.text), [
            "hello there", "Hi there, this is fakellm streaming word by word.",
            "hello again", "Hi there, this is fakellm streaming word by word.",
        ])
    }

    func testRenameDeleteFeedbackAndSuggestedRequests() throws {
        let rename = try provider.renameRequest(conversationID: "c1", name: "Cats")
        XCTAssertEqual(rename.url, "http://127.0.0.1:5001/v1/conversations/c1/name")
        XCTAssertEqual(String(decoding: rename.body, as: UTF8.self), #"{"auto_generate":false,"name":"Cats","user":"abc 123"}"#)
        let auto = try provider.renameRequest(conversationID: "c1", name: nil)
        XCTAssertEqual(String(decoding: auto.body, as: UTF8.self), #"{"auto_generate":true,"user":"abc 123"}"#)
        let renamed = try DifyReplies.renamed(status: 200, body: Array(
            #"{"id": "c1", "name": "Cats", "inputs": {}, "status": "normal", "introduction": "", "created_at": 1767225600, "updated_at": 1767225700}"#.utf8))
        XCTAssertEqual(renamed.title, "Cats")

        let delete = try provider.deleteConversationRequest(conversationID: "c1")
        XCTAssertEqual(delete.method, "DELETE")
        XCTAssertEqual(String(decoding: delete.body, as: UTF8.self), #"{"user":"abc 123"}"#)
        XCTAssertNoThrow(try DifyReplies.deleted(status: 204, body: []))
        XCTAssertNoThrow(try DifyReplies.deleted(status: 200, body: Array(#"{"result": "success"}"#.utf8)))
        let (head, body) = try ReplayHarness.httpResponse("dify/D6-not-found.http")
        XCTAssertThrowsError(try DifyReplies.deleted(status: head.status, body: body)) { error in
            XCTAssertEqual((error as? ProviderError)?.code, "not_found")
        }

        let like = try provider.feedbackRequest(messageID: "m1", rating: .like)
        XCTAssertEqual(like.url, "http://127.0.0.1:5001/v1/messages/m1/feedbacks")
        XCTAssertEqual(String(decoding: like.body, as: UTF8.self), #"{"rating":"like","user":"abc 123"}"#)
        let withdraw = try provider.feedbackRequest(messageID: "m1", rating: nil, content: "meh")
        XCTAssertEqual(String(decoding: withdraw.body, as: UTF8.self), #"{"content":"meh","rating":null,"user":"abc 123"}"#)

        XCTAssertEqual(provider.suggestedQuestionsRequest(messageID: "m1").url,
                       "http://127.0.0.1:5001/v1/messages/m1/suggested?user=abc%20123")
        XCTAssertEqual(try DifyReplies.suggestedQuestions(status: 200, body: Array(
            #"{"result": "success", "data": ["Why?", "How?"]}"#.utf8)), ["Why?", "How?"])
        XCTAssertThrowsError(try DifyReplies.suggestedQuestions(status: 400, body: Array(
            #"{"code": "bad_request", "message": "Suggested Questions Is Disabled.", "status": 400}"#.utf8))) { error in
            XCTAssertEqual((error as? ProviderError)?.message, "Suggested Questions Is Disabled.")
        }
    }

    func testParametersInfoMetaAndUpload() throws {
        XCTAssertEqual(provider.parametersRequest().url, "http://127.0.0.1:5001/v1/parameters?user=abc%20123")
        let parameters = try DifyApp.parameters(status: 200, body: Fixtures.bytes("dify/parameters.json"))
        XCTAssertEqual(parameters.openingStatement, "Hi! Ask me about cats.")
        XCTAssertEqual(parameters.suggestedQuestions, ["How long do cats sleep?", "Draw a cat"])
        XCTAssertTrue(parameters.suggestedQuestionsAfterAnswer)
        XCTAssertTrue(parameters.citationsEnabled)
        XCTAssertTrue(parameters.fileUploadEnabled)
        XCTAssertEqual(parameters.inputForm.map(\.kind), ["text-input", "select"])
        XCTAssertEqual(parameters.inputForm.map(\.variable), ["name", "tone"])
        XCTAssertEqual(parameters.inputForm[0].maxLength, 48)
        XCTAssertEqual(parameters.inputForm[1].options, ["friendly", "formal"])
        XCTAssertEqual(parameters.inputForm[1].defaultValue, "friendly")

        let info = try DifyApp.info(status: 200, body: Fixtures.bytes("dify/info.json"))
        XCTAssertEqual(info.name, "Cat helper")
        XCTAssertEqual(info.description, "Answers cat questions.")
        XCTAssertEqual(info.tags, ["pets", "demo"])
        XCTAssertEqual(info.mode, "agent-chat")
        XCTAssertEqual(info.authorName, "abc")
        let icons = try DifyApp.toolIcons(status: 200, body: Fixtures.bytes("dify/meta.json"))
        XCTAssertEqual(icons["current_time"], "😁")
        XCTAssertEqual(icons["dalle3"], "https://dify.example.com/console/api/workspaces/current/tool-provider/builtin/dalle/icon")

        let upload = provider.uploadRequest(fileName: "cat.png", mimeType: "image/png", data: [0x89, 0x50], boundary: "XyZ")
        XCTAssertEqual(upload.url, "http://127.0.0.1:5001/v1/files/upload")
        XCTAssertEqual(upload.headers.value(for: "Content-Type"), "multipart/form-data; boundary=XyZ")
        let expected = Array("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            + [0x89, 0x50] + Array("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nabc 123\r\n--XyZ--\r\n".utf8)
        XCTAssertEqual(upload.body, expected)
        let file = try DifyApp.uploadedFile(status: 201, body: Fixtures.bytes("dify/upload.json"))
        XCTAssertEqual(file.id, "72fa9618-8f89-4a37-9b33-7e1178a24a67")
        XCTAssertEqual(file.mimeType, "image/png")
        XCTAssertEqual(file.size, 1024)
    }
}
