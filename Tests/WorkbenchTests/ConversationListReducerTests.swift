import ChatModel
import Foundation
import TerminalUI
import Workbench
import XCTest

/// The conversation list as the user drives it: paging a big store, grouping, search, and the list actions.
final class ConversationListReducerTests: XCTestCase {
    private func conversation(_ n: Int, profile: String? = "alice") -> Conversation {
        Conversation(id: "s\(n)", title: "Stored \(n)", provider: "dify", profile: profile,
                     createdAt: Date(timeIntervalSince1970: 1_700_000_000 - Double(n) * 60))
    }

    private func rows(_ range: Range<Int>, profile: (Int) -> String? = { _ in "alice" }) -> [ConversationSummary] {
        range.map { ConversationSummary(conversation: conversation($0, profile: profile($0))) }
    }

    /// A workbench whose store holds `total` conversations, with the first page read.
    private func store(total: Int, firstPage: Int = 200) -> AppState {
        var state = AppState(endpoint: "e", profile: "alice")
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: rows(0..<min(total, firstPage)), total: total, generation: 0)))
        _ = reduce(&state, .intent(.focus(.conversations)))
        return state
    }

    private func press(_ keys: Key..., in state: inout AppState) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    func testScrollingPastTheRowsInMemoryReadsTheNextPageAndOpensTheRowWhenItArrives() {
        var state = store(total: 100_000)
        XCTAssertEqual(state.list.selected, 0, "this session's conversation is first")
        var effects = press(.down, in: &state)
        XCTAssertEqual(effects, [.loadConversation(id: "s0")], "a stored row opens as it is selected")
        effects = reduce(&state, .intent(.moveSelection(170)))
        XCTAssertEqual(effects.first, .loadConversationPage(first: 70, limit: 200, excluding: [], generation: 0, counting: false),
                       "near the edge of the first page the page around the selection is read")
        XCTAssertEqual(state.currentID, "s170")
        XCTAssertEqual(reduce(&state, .intent(.moveSelection(1))).count, 1, "the same page is not asked for twice")

        effects = press(.end, in: &state)
        XCTAssertEqual(state.list.selected, 100_000, "End selects the last of 100,000 rows")
        XCTAssertEqual(effects, [.loadConversationPage(first: 99_800, limit: 200, excluding: [], generation: 0, counting: false)],
                       "a row not in memory waits for its page")
        let line = Screen.render(state, size: Size(columns: 120, rows: 36)).text
        XCTAssertTrue(line.contains("▸ …"), "the selected row shows it is being read")
        effects = reduce(&state, .event(.conversationPage(first: 99_800, rows: rows(99_800..<100_000), total: 100_000, generation: 0)))
        XCTAssertEqual(effects, [.loadConversation(id: "s99999")], "the waiting row opens when its page arrives")
        XCTAssertEqual(state.current.conversation.title, "Stored 99999")
        XCTAssertLessThanOrEqual(state.conversations.count, 10, "only a few opened conversations stay in memory")
    }

    func testAPageOfAnEarlierListIsIgnoredAfterTheListChanged() {
        var state = store(total: 3)
        _ = press(.down, in: &state)
        let effects = reduce(&state, .event(.listChanged(notice: "Pinned: it lists first in its profile.")))
        XCTAssertEqual(effects, [.loadConversationPage(first: 0, limit: 200, excluding: [], generation: 1, counting: true)])
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: rows(0..<1), total: 1, generation: 0)))
        XCTAssertEqual(state.list.total, 3, "a page read before the change is dropped")
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: rows(0..<2), total: 2, generation: 1)))
        XCTAssertEqual(state.list.total, 2)
    }

    func testRowsAreGroupedUnderTheirProfile() {
        var state = AppState(endpoint: "e", profile: "alice")
        _ = reduce(&state, .event(.conversationPage(
            first: 0, rows: rows(0..<4) { $0 < 2 ? "alice" : "bob" }, total: 4, generation: 0)))
        let grid = Screen.render(state, size: Size(columns: 120, rows: 20))
        let text = (0..<20).map { String(grid.line($0).prefix(24)) }.joined(separator: "\n")
        let order = ["This session", "New conversation", "alice", "Stored 0", "Stored 1", "bob", "Stored 2", "Stored 3"]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), text)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), text)
    }

    func testSearchAsksTheStoreDropsStaleAnswersAndOpensTheMatchAtItsMessage() {
        var state = store(total: 3)
        var effects = press(.character("/"), .character("r"), .character("a"), in: &state)
        XCTAssertEqual(effects, [.searchConversations(query: "r", limit: 50), .searchConversations(query: "ra", limit: 50)])
        let hit = SearchResult(conversation: conversation(2), messageID: "m7", snippet: "the raft protocol", matches: [4..<8])
        _ = reduce(&state, .event(.searchResults(query: "r", results: [])))
        XCTAssertEqual(state.list.results, [], "an answer for text no longer typed is dropped")
        _ = reduce(&state, .event(.searchResults(query: "ra", results: [hit])))
        XCTAssertEqual(state.list.results, [hit])
        effects = press(.enter, in: &state)
        XCTAssertEqual(effects, [.loadConversation(id: "s2")])
        XCTAssertFalse(state.list.isFiltering)
        let messages = (0..<40).map { Message(id: "m\($0)", role: $0 % 2 == 0 ? .user : .assistant, text: "line \($0)") }
        _ = reduce(&state, .event(.conversationLoaded(id: "s2", messages: messages, logs: [:])))
        XCTAssertGreaterThan(state.transcript.scrollBack, 0, "the transcript is scrolled back to the match")
        let screen = Screen.render(state, size: state.size).text
        XCTAssertTrue(screen.contains("line 7"), "the matching message is on screen")
        XCTAssertFalse(screen.contains("line 39"), "the newest message is scrolled out of view")

        _ = press(.escape, in: &state)
        XCTAssertNil(state.list.results, "Esc returns to the list")
        XCTAssertEqual(state.currentID, "s2", "the opened conversation stays open")
    }

    func testWithoutAStoreSearchFindsThisSessionsMessages() throws {
        var state = AppState(endpoint: "e", messages: [Message(id: "u", role: .user, text: "Tell me about Kafka partitions")])
        _ = reduce(&state, .intent(.newConversation))
        _ = reduce(&state, .intent(.startFilter))
        for character in "kafka" { _ = reduce(&state, .key(.character(character))) }
        _ = reduce(&state, .event(.searchResults(query: "kafka", results: [])))
        let result = try XCTUnwrap(state.list.results?.first)
        XCTAssertEqual(state.list.results?.count, 1)
        XCTAssertEqual(result.conversation.id, "c1", "the title made from the first message matches")
        XCTAssertEqual(result.matches.map { String(Array(result.snippet)[$0]) }, ["Kafka"])
        _ = press(.enter, in: &state)
        XCTAssertEqual(state.currentID, "c1")
    }

    func testDeleteAsksFirstAndOnlyYDeletes() {
        var state = store(total: 3)
        _ = press(.down, in: &state)
        XCTAssertEqual(press(.character("d"), in: &state), [])
        XCTAssertEqual(state.list.confirmingDelete?.id, "s0")
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("Delete “Stored 0”?"))
        XCTAssertEqual(press(.character("q"), .character("j"), in: &state), [], "other keys do nothing while asking")
        XCTAssertFalse(state.quitRequested)
        XCTAssertEqual(press(.character("n"), in: &state), [])
        XCTAssertNil(state.list.confirmingDelete)
        XCTAssertEqual(state.notice, "Kept.")
        _ = press(.character("d"), in: &state)
        XCTAssertEqual(press(.character("y"), in: &state), [.changeConversation(id: "s0", .delete)])
        XCTAssertFalse(state.conversations.contains { $0.conversation.id == "s0" })
        let effects = reduce(&state, .event(.listChanged(notice: "Deleted.")))
        XCTAssertEqual(effects, [.loadConversationPage(first: 0, limit: 200, excluding: [], generation: 1, counting: true)])
        let reopened = reduce(&state, .event(.conversationPage(first: 0, rows: rows(1..<3), total: 2, generation: 1)))
        XCTAssertEqual(reopened, [.loadConversation(id: "s1")], "the next conversation takes the deleted one's place")
    }

    func testRenamePinAndArchiveChangeTheSelectedStoredConversation() {
        var state = store(total: 3)
        _ = press(.down, in: &state)
        _ = press(.character("R"), in: &state)
        XCTAssertEqual(state.list.renaming?.field.text, "Stored 0")
        XCTAssertTrue(state.isTyping)
        _ = press(.control("u"), in: &state)
        for character in "Raft notes" { _ = press(.character(character), in: &state) }
        XCTAssertEqual(press(.enter, in: &state), [.changeConversation(id: "s0", .rename("Raft notes"))])
        XCTAssertEqual(state.current.conversation.title, "Raft notes")
        XCTAssertEqual(press(.character("p"), in: &state), [.changeConversation(id: "s0", .pin(true))])
        XCTAssertEqual(press(.character("a"), in: &state), [.changeConversation(id: "s0", .archive(true))])
        XCTAssertEqual(press(.character("f"), in: &state), [.pullHistory])
        XCTAssertEqual(state.list.pulling, "alice")
        _ = reduce(&state, .event(.pullTick))
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("⠙ pulling alice…"), "a spinner shows while pulling")
        _ = reduce(&state, .event(.pullEnded(notice: "Pulled 3 dify conversations (3 new, 0 updated) with 6 messages (6 new, 0 updated).")))
        XCTAssertNil(state.list.pulling)
    }

    func testAConversationOfThisSessionIsRenamedInMemoryUntilItIsStored() {
        var state = AppState(endpoint: "e", messages: [Message(id: "u", role: .user, text: "hello")])
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = press(.character("R"), .control("u"), .character("X"), .enter, in: &state)
        XCTAssertEqual(state.current.conversation.title, "X")
        XCTAssertEqual(press(.character("p"), in: &state), [])
        XCTAssertEqual(state.notice, "This conversation is stored with its first reply; send a message first.")
        _ = reduce(&state, .event(.conversationStored(id: "c1", storeID: "uuid-1")))
        XCTAssertEqual(press(.character("p"), in: &state), [.changeConversation(id: "uuid-1", .pin(true))])
    }

    func testAConversationWithAStreamingReplyIsNotDeleted() {
        var state = AppState(endpoint: "e")
        _ = reduce(&state, .intent(.focus(.composer)))
        for character in "hi" { _ = reduce(&state, .key(.character(character))) }
        _ = reduce(&state, .key(.enter))
        XCTAssertNotNil(state.activeRun)
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = press(.character("d"), in: &state)
        XCTAssertEqual(press(.character("y"), in: &state), [])
        XCTAssertEqual(state.notice, "A reply is still streaming here; cancel it with Esc first.")
        XCTAssertEqual(state.conversations.count, 1)
    }
}
