import ChatModel
import Foundation
import XCTest

@testable import Store

/// The workbench's list: grouped by profile, pinned first, then newest, with each newest message's status.
final class ListedConversationsTests: StoreTestCase {
    private func save(_ id: String, profile: String?, at offset: Double, _ store: SQLiteStore) throws {
        try store.save(Conversation(id: id, title: id, provider: "dify", profile: profile, createdAt: Self.t0.addingTimeInterval(offset)))
    }

    func testGroupedByProfilePinnedFirstThenNewestWithTheNewestMessagesStatus() throws {
        let store = try openStore()
        try save("a-old", profile: "alice", at: 1, store)
        try save("a-new", profile: "alice", at: 2, store)
        try save("a-pinned", profile: "alice", at: 0, store)
        try save("b-one", profile: "bob", at: 5, store)
        try save("none", profile: nil, at: 3, store)
        try save("hidden", profile: "alice", at: 9, store)
        try store.setPinned(conversation: "a-pinned", true)
        try store.setArchived(conversation: "hidden", true)
        try store.save(Message(id: "q", role: .user, text: "why", createdAt: Self.t0), in: "a-new")
        var failed = Message(id: "r", role: .assistant, text: "par", status: .failed, createdAt: Self.t0.addingTimeInterval(1))
        failed.error = ProviderError(kind: .http, status: 500, message: "boom")
        try store.save(failed, in: "a-new")

        let all = try store.listedConversations(offset: 0, limit: 10)
        XCTAssertEqual(all.map(\.conversation.id), ["none", "a-pinned", "a-new", "a-old", "b-one"],
                       "no profile first, then each profile: pinned, then newest; archived ones are left out")
        XCTAssertEqual(all.map(\.lastStatus), [nil, nil, .failed, nil, nil], "the newest message's status")
        XCTAssertEqual(try store.listedConversationCount(), 5)
        XCTAssertEqual(try store.listedConversations(offset: 2, limit: 2).map(\.conversation.id), ["a-new", "a-old"])
        XCTAssertEqual(try store.listedConversations(offset: 0, limit: 10, excluding: ["a-new", "none"]).map(\.conversation.id),
                       ["a-pinned", "a-old", "b-one"])
        XCTAssertEqual(try store.listedConversationCount(excluding: ["a-new", "none"]), 3)
    }

    func testAPageWalksTheIndexInsteadOfSortingTheTable() throws {
        let store = try openStore()
        for excluding in [0, 2] {
            let plan = try store.locked { db in
                let explain = try db.prepare("EXPLAIN QUERY PLAN " + SQLiteStore.listedPage(excluding: excluding))
                try explain.bind((0..<excluding).map { SQLValue.text("x\($0)") } + [.int(50), .int(0)])
                var details: [String] = []
                while try explain.step() { details.append(explain.text(3)) }
                return details.joined(separator: "; ")
            }
            XCTAssertFalse(plan.contains("TEMP B-TREE FOR ORDER BY"), plan)
            XCTAssertTrue(plan.contains("conversations_profile_order"), plan)
        }
    }
}
