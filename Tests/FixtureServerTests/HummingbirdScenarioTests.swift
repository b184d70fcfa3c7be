import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// `parley send --provider hummingbird` against the fixture server under `/bh`: a session first, then invoke.
final class HummingbirdScenarioTests: ScenarioTestCase {
    func testTurnCreatesASessionThenInvokesIt() async throws {
        let settings = ProviderSettings(kind: "hummingbird", baseURL: base + "/bh", options: ["var.country": "France"])
        let turn = await exchange.turn(try ProviderCatalog.provider(for: settings), prompt: "Plan three days in Paris")
        XCTAssertEqual(turn.requests.map(\.url), [base + "/bh/create-chat-session", base + "/bh/invoke"])
        let events = turn.events
        let session = try XCTUnwrap(events.opened)
        XCTAssertEqual(session.count, 36)
        XCTAssertTrue(events.text.hasPrefix("You said: “Plan three days in Paris”."), events.text)
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
        let received = server.receivedRequests
        XCTAssertEqual(received.first?.bodyText, #"[{"key":"country","value":"France"}]"#)
        XCTAssertEqual(received.last?.json?["chat_session_id"]?.stringValue, session, "the turn goes to the session just created")
    }

    func testHistoryAndDelete() async throws {
        let provider = HummingbirdProvider(baseURL: base + "/bh")
        let history = await exchange.call(provider.historyRequest(sessionID: "7b3e9c1a-5d2f-4e8b-a6c4-0f9d8e7c6b5a"))
        let transcript = try HummingbirdProvider.parseHistory(status: history.status, body: history.body)
        XCTAssertEqual(transcript.messages.map(\.role), [.user, .assistant, .user, .assistant])
        XCTAssertEqual(transcript.messages[2].text, "Three days in May.")
        let deleted = await exchange.call(provider.deleteRequest(sessionID: "7b3e9c1a-5d2f-4e8b-a6c4-0f9d8e7c6b5a"))
        XCTAssertEqual(HummingbirdProvider.parseDeleted(status: deleted.status, body: deleted.body), .deleted)
    }
}
