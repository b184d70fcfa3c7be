import ChatModel
import Foundation
import TerminalUI
import Workbench
import XCTest

/// The search results as the user sees them: titles, passages, and the matched words highlighted.
final class SearchSnapshotTests: XCTestCase {
    func testSearchResultsShowPassagesWithTheMatchedWordsHighlighted() throws {
        var state = AppState(endpoint: "demo", profile: "alice")
        let conversations = [
            Conversation(id: "s1", title: "Consensus reading group", provider: "dify", profile: "alice", createdAt: Date(timeIntervalSince1970: 0)),
            Conversation(id: "s2", title: "Raft leader election", provider: "dify", profile: "alice", createdAt: Date(timeIntervalSince1970: 0)),
        ]
        _ = reduce(&state, .event(.conversationPage(
            first: 0, rows: conversations.map { ConversationSummary(conversation: $0) }, total: 2, generation: 0)))
        _ = reduce(&state, .intent(.startFilter))
        for character in "raft" { _ = reduce(&state, .key(.character(character))) }
        let snippet = "…a leader is elected when a Raft follower times out; Raft uses randomized…"
        let matches = [snippet.distance(of: "Raft")..<(snippet.distance(of: "Raft") + 4), 53..<57]
        _ = reduce(&state, .event(.searchResults(query: "raft", results: [
            SearchResult(conversation: conversations[1], messageID: nil, snippet: "Raft leader election", matches: [0..<4]),
            SearchResult(conversation: conversations[0], messageID: "m2", snippet: snippet, matches: matches),
        ])))
        _ = reduce(&state, .key(.down))
        let grid = Screen.render(state, size: Size(columns: 120, rows: 20))
        assertSnapshot(grid, named: "search-results")
        assertStyledSnapshot(grid, named: "search-results")
        let row = try XCTUnwrap((0..<grid.size.rows).first { grid.line($0).contains("Raft fo") })
        let x = grid.line(row).distance(of: "Raft fo")
        XCTAssertEqual(grid[x, row].style.attributes.contains(.underline), true, "a matched word is underlined")
        XCTAssertEqual(grid[x + 5, row].style.attributes.contains(.underline), false, "the words around it are not")
    }
}

/// The conversation list as the user sees it: groups by profile, pinned first, status marks.
final class ConversationListSnapshotTests: XCTestCase {
    func testRowsAreGroupedByProfileWithPinsAndStatusMarks() {
        var state = AppState(endpoint: "demo", profile: "alice")
        func row(_ id: String, _ title: String, _ profile: String?, pinned: Bool = false, _ status: Message.Status? = nil) -> ConversationSummary {
            ConversationSummary(conversation: Conversation(
                id: id, title: title, provider: "dify", profile: profile, createdAt: Date(timeIntervalSince1970: 0), pinned: pinned),
                status: status)
        }
        let rows = [
            row("s1", "Quick check", nil, .complete),
            row("s2", "Release notes", "alice", pinned: true),
            row("s3", "Agent run", "alice", .streaming),
            row("s4", "Broken upload", "alice", .failed),
            row("s5", "Long essay", "bob", .interrupted),
            row("s6", "Stopped early", "bob", .cancelled),
        ]
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: rows, total: rows.count, generation: 0)))
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = reduce(&state, .intent(.moveSelection(3)))
        // `<` narrows the list until it has no room for dates, so the snapshot does not depend on the time zone.
        state.size = Size(columns: 100, rows: 16)
        _ = reduce(&state, .key(.character("<")))
        assertSnapshot(Screen.render(state, size: state.size), named: "conversation-list-groups")
    }
}
