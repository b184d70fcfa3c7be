import ChatModel
import Foundation
import XCTest

@testable import Store

final class ConversationListTests: StoreTestCase {
    func testPinnedFirstThenMostRecentlyUpdatedWithPaging() throws {
        let store = try openStore()
        for i in 0..<7 { try store.save(conversation("c\(i)", title: "Conversation \(i)", at: Double(i))) }
        try store.setPinned(conversation: "c2", true)
        try store.save(Message(id: "late", role: .user, text: "bump", createdAt: Self.t0.addingTimeInterval(100)), in: "c0")
        XCTAssertEqual(try store.conversations(limit: 3).map(\.id), ["c2", "c0", "c6"])
        XCTAssertEqual(try store.conversations(offset: 3, limit: 3).map(\.id), ["c5", "c4", "c3"])
        XCTAssertEqual(try store.conversations(offset: 6, limit: 3).map(\.id), ["c1"])
        XCTAssertEqual(try store.conversationCount(), 7)
    }

    func testListWithArchivedKeepsTheOrderAndNeitherFormSortsTheWholeTable() throws {
        let store = try openStore()
        for i in 0..<5 { try store.save(conversation("c\(i)", title: "Conversation \(i)", at: Double(i))) }
        try store.setArchived(conversation: "c4", true)
        try store.setArchived(conversation: "c1", true)
        try store.setPinned(conversation: "c1", true)
        XCTAssertEqual(try store.conversations(limit: 3, includeArchived: true).map(\.id), ["c1", "c4", "c3"])
        XCTAssertEqual(try store.conversations(offset: 3, limit: 3, includeArchived: true).map(\.id), ["c2", "c0"])
        XCTAssertEqual(try store.conversations().map(\.id), ["c3", "c2", "c0"])
        for includeArchived in [false, true] {
            let plan = try store.locked { db in
                let explain = try db.prepare("EXPLAIN QUERY PLAN " + ConversationQueries.page(includeArchived: includeArchived))
                try explain.bind(.int(50), .int(0))
                var details: [String] = []
                while try explain.step() { details.append(explain.text(3)) }
                return details.joined(separator: "; ")
            }
            XCTAssertFalse(plan.contains("TEMP B-TREE"), "includeArchived \(includeArchived): \(plan)")
            XCTAssertTrue(plan.contains("USING INDEX"), "includeArchived \(includeArchived): \(plan)")
        }
    }

    func testRenameArchiveAndUnknownIDs() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "Old"))
        try store.save(conversation("c2", title: "Other"))
        try store.rename(conversation: "c1", to: "Neu – 新")
        try store.setArchived(conversation: "c2", true)
        XCTAssertEqual(try store.conversations().map(\.title), ["Neu – 新"])
        XCTAssertEqual(try store.conversations(includeArchived: true).count, 2)
        XCTAssertEqual(try store.search("neu").map(\.conversationID), ["c1"])
        XCTAssertEqual(try store.search("old"), [])
        XCTAssertThrowsError(try store.rename(conversation: "missing", to: "x")) {
            XCTAssertEqual(($0 as? StoreError)?.kind, .notFound)
        }
    }

    func testDeleteRemovesMessagesRunsRecordsAndSearchEntries() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "Doomed zebra"))
        try store.save(richReply(id: "r1"), in: "c1")
        try store.save(
            StoredRun(
                id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "GET", url: "http://127.0.0.1/"),
                records: [RawRecord(kind: .event, offset: 0, receivedAt: 0, bytes: [1], events: [])]))
        try store.delete(conversation: "c1")
        XCTAssertNil(try store.conversation(id: "c1"))
        XCTAssertNil(try store.message(id: "r1"))
        XCTAssertNil(try store.run(id: "run1"))
        XCTAssertEqual(try store.search("zebra"), [])
        XCTAssertEqual(try store.search("Zürich"), [])
        let leftovers = try store.locked {
            try $0.scalarInt("SELECT (SELECT COUNT(*) FROM record_blocks) + (SELECT COUNT(*) FROM steps) + (SELECT COUNT(*) FROM citations) + (SELECT COUNT(*) FROM files)")
        }
        XCTAssertEqual(leftovers, 0)
        assertSearchIndexIntact(store)
    }
}
