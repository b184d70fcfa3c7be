import ChatModel
import FixtureServer
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

/// `parley send --provider helix` against the fixture server, and Helix's session browsing parsers.
final class HelixScenarioTests: ScenarioTestCase {
    private func provider() throws -> HelixProvider {
        let settings = ProviderSettings(kind: "helix", baseURL: base, apiKey: "hl-demo")
        return try XCTUnwrap(try ProviderCatalog.provider(for: settings) as? HelixProvider)
    }

    func testStreamAnnouncesTheSessionAndSplitsThinkingFromTheAnswer() async throws {
        let events = await exchange.turn(try provider(), prompt: "Where is Tórshavn?").events
        XCTAssertEqual(events.opened?.count, 36, "a new session gets a fresh id")
        XCTAssertEqual(events.reasoning, "The user asked about “Where is Tórshavn?”. I should answer briefly and mention the demo.")
        XCTAssertEqual(
            events.text,
            "You asked: “Where is Tórshavn?”. This is Parley's Helix demo session: the reasoning above streamed inside think tags split across chunks.")
        XCTAssertEqual(events.usage?.totalTokens, 99)
        XCTAssertEqual(events.terminal, .finished(reason: "stop"))
    }

    func testStreamFalseGetsTheBlockingCompletion() async throws {
        let turn = await exchange.turn(try provider(), prompt: "Where is Tórshavn?", stream: false)
        XCTAssertEqual(turn.records.map(\.kind), [.document])
        XCTAssertEqual(turn.events.opened?.count, 36)
        XCTAssertEqual(turn.events.text, "A blocking Helix reply to “Where is Tórshavn?”: one JSON document.")
        XCTAssertEqual(turn.events.usage?.totalTokens, 50)
        XCTAssertEqual(turn.events.terminal, .finished(reason: "stop"))
    }

    func testErrorChunkFailsTheTurn() async throws {
        let events = await exchange.turn(try provider(), prompt: "show an error", conversation: "ses_01kdemo7p4r6t8v0x2z4b6d8fg").events
        XCTAssertEqual(events.opened, "ses_01kdemo7p4r6t8v0x2z4b6d8fg", "a continued session keeps its id")
        XCTAssertEqual(events.failure?.kind, .stream)
        XCTAssertEqual(events.failure?.message, "failed to get client: no provider found for model qwen3:8b")
    }

    func testPlainTextBadRequestBecomesAnHTTPError() async throws {
        let events = await exchange.turn(try provider(), prompt: "send a bad request").events
        XCTAssertEqual(events.failure?.kind, .http)
        XCTAssertEqual(events.failure?.status, 400)
        XCTAssertEqual(events.failure?.message, "messages must not be empty")
    }

    func testSessionListAndOneSessionTranscript() async throws {
        let helix = try provider()
        let list = await exchange.call(helix.listSessionsRequest())
        let page = try HelixProvider.parseSessionList(status: list.status, body: list.body)
        XCTAssertEqual(page.conversations.map(\.title), ["Faroe Islands location", "Lighthouse history", "Packing list"])
        XCTAssertEqual(page.totalCount, 3)
        XCTAssertFalse(page.hasMore)
        XCTAssertEqual(page.conversations.first?.summary, "and how far is Norway?")
        XCTAssertNotNil(page.conversations.first?.createdAt)

        let one = await exchange.call(helix.sessionRequest(id: "ses_01kdemo7p4r6t8v0x2z4b6d8fg"))
        let transcript = try helix.parseSession(status: one.status, body: one.body)
        XCTAssertEqual(transcript.messages.map(\.role), [.user, .assistant, .user, .assistant])
        XCTAssertEqual(transcript.messages[2].text, "and how far is Norway?")
        XCTAssertEqual(transcript.messages[1].usage?.totalTokens, 50)
        XCTAssertNil(transcript.messages[3].usage)
        XCTAssertEqual(transcript.messages[3].status, .complete)
    }

    func testRenameAndDelete() async throws {
        let helix = try provider()
        let renamed = await exchange.call(try helix.renameSessionRequest(id: "ses_x", name: "Faroe trip"))
        XCTAssertEqual(try HelixProvider.parseRenamedSession(status: renamed.status, body: renamed.body).title, "Faroe trip")
        let deleted = await exchange.call(helix.deleteSessionRequest(id: "ses_x"))
        XCTAssertEqual(deleted.status, 200)
        XCTAssertNoThrow(try HelixProvider.parseDeleted(status: deleted.status, body: deleted.body))
    }
}
