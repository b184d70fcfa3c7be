import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// Dify's companion endpoints on the fixture server, read by the real parsers.
final class DifyCompanionScenarioTests: XCTestCase {
    private var server: FixtureServer!
    private var dify: DifyProvider!
    private let exchange = ProviderExchange()

    override func setUp() async throws {
        let base: String
        (server, base) = try await RunningFixtureServer.start()
        dify = DifyProvider(baseURL: base + "/v1", apiKey: "app-demo", user: "parley")
    }

    override func tearDown() async throws {
        await server.stop()
    }

    func testConversationListHasThreeConversationsAndNoMore() async throws {
        let reply = await exchange.call(dify.conversationsRequest())
        let page = try DifyReplies.conversations(status: reply.status, body: reply.body)
        XCTAssertEqual(page.conversations.map(\.title), ["Lighthouse picture", "Chatflow about lighthouses", "Quota trouble"])
        XCTAssertEqual(page.conversations.first?.id, "8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90")
        XCTAssertEqual(page.conversations[1].summary, "Ask me about the Faroe Islands.")
        XCTAssertFalse(page.hasMore)
        XCTAssertNil(page.nextCursor)
        XCTAssertEqual(server.receivedRequests.last?.path, "/v1/conversations?user=parley&limit=20")
    }

    func testMessageHistoryCarriesThoughtsCitationsFilesAndAFailedTurn() async throws {
        let reply = await exchange.call(dify.messagesRequest(conversationID: "8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90"))
        let page = try DifyReplies.messages(status: reply.status, body: reply.body)
        let messages = page.messages
        XCTAssertEqual(messages.map(\.role), [.user, .assistant, .user, .assistant, .user, .assistant])
        XCTAssertEqual(messages[0].text, "What time is it on the Faroe Islands?")
        XCTAssertEqual(messages[1].citations.map(\.title), ["travel-notes.pdf"])
        XCTAssertEqual(messages[3].steps.map(\.name), ["current_time", "dalle3", "thought 3"])
        XCTAssertEqual(messages[3].files.map(\.type), ["image"])
        XCTAssertEqual(messages[5].status, .failed)
        XCTAssertTrue(messages[5].error?.message.contains("Rate Limit") ?? false)
        XCTAssertFalse(page.hasMore)
    }

    func testRenameAnswersWithTheNewName() async throws {
        let request = try dify.renameRequest(conversationID: "8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90", name: "Lighthouse \"dawn\" sketch")
        let reply = await exchange.call(request)
        let conversation = try DifyReplies.renamed(status: reply.status, body: reply.body)
        XCTAssertEqual(conversation.title, "Lighthouse \"dawn\" sketch")
        XCTAssertEqual(conversation.id, "8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90")
    }

    func testDeleteFeedbackAndSuggestionsSucceed() async throws {
        let deleted = await exchange.call(try dify.deleteConversationRequest(conversationID: "c-1"))
        XCTAssertEqual(deleted.status, 204)
        XCTAssertEqual(deleted.body, [])
        XCTAssertNoThrow(try DifyReplies.deleted(status: deleted.status, body: deleted.body))
        let feedback = await exchange.call(try dify.feedbackRequest(messageID: "m-1", rating: .like))
        XCTAssertNoThrow(try DifyReplies.feedbackSent(status: feedback.status, body: feedback.body))
        XCTAssertEqual(server.receivedRequests.last?.json?["rating"]?.stringValue, "like")
        let suggested = await exchange.call(dify.suggestedQuestionsRequest(messageID: "m-1"))
        XCTAssertEqual(try DifyReplies.suggestedQuestions(status: suggested.status, body: suggested.body).count, 3)
    }

    func testAppParametersInfoMetaAndUpload() async throws {
        let parameters = await exchange.call(dify.parametersRequest())
        let app = try DifyApp.parameters(status: parameters.status, body: parameters.body)
        XCTAssertTrue(app.openingStatement.hasPrefix("Hi! I can tell the time"))
        XCTAssertEqual(app.inputForm.map(\.variable), ["name", "tone"])
        XCTAssertTrue(app.citationsEnabled)
        XCTAssertTrue(app.fileUploadEnabled)
        let info = await exchange.call(dify.infoRequest())
        XCTAssertEqual(try DifyApp.info(status: info.status, body: info.body).mode, "agent-chat")
        let meta = await exchange.call(dify.metaRequest())
        XCTAssertEqual(try DifyApp.toolIcons(status: meta.status, body: meta.body)["current_time"], "🕘")
        let upload = await exchange.call(
            dify.uploadRequest(fileName: "a.png", mimeType: "image/png", data: [1, 2, 3], boundary: "parley-boundary"))
        XCTAssertEqual(upload.status, 201)
        XCTAssertEqual(try DifyApp.uploadedFile(status: upload.status, body: upload.body).id, "72fa9618-8f89-4a37-9b33-7e1178a24a67")
    }
}
