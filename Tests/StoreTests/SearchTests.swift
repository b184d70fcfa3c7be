import ChatModel
import Foundation
import XCTest

@testable import Store

final class SearchTests: StoreTestCase {
    private func seeded() throws -> SQLiteStore {
        let store = try openStore()
        try store.save(conversation("title", title: "Kubernetes upgrade plan"))
        try store.save(conversation("dense", title: "Notes"))
        try store.save(
            Message(id: "d1", role: .assistant, text: "kubernetes kubernetes kubernetes: the cluster upgrade", createdAt: Self.t0),
            in: "dense")
        try store.save(conversation("sparse", title: "Misc"))
        try store.save(
            Message(
                id: "s1", role: .user,
                text: "A long message about many things, cooking, travel, music, and once kubernetes, then gardening and more.",
                createdAt: Self.t0),
            in: "sparse")
        try store.save(conversation("cafe", title: "Café crème"))
        try store.save(Message(id: "u1", role: .user, text: "Как дела? 東京タワー", createdAt: Self.t0), in: "cafe")
        return store
    }

    func testRankingPrefersTitlesThenDenserMatches() throws {
        let hits = try seeded().search("kubernetes")
        XCTAssertEqual(hits.map(\.conversationID), ["title", "dense", "sparse"])
        XCTAssertNil(hits[0].messageID)
        XCTAssertEqual(hits[1].messageID, "d1")
        XCTAssertLessThan(hits[0].score, hits[2].score)
    }

    func testSnippetMarksTheMatchedWords() throws {
        let hit = try XCTUnwrap(try seeded().search("gardening").first)
        XCTAssertEqual(hit.snippet.matchedTexts, ["gardening"])
        XCTAssertTrue(hit.snippet.marked(open: "[", close: "]").contains("[gardening]"))
        XCTAssertTrue(hit.snippet.text.hasPrefix("…"), hit.snippet.text)
    }

    func testPrefixesDiacriticsAndNonLatinText() throws {
        let store = try seeded()
        XCTAssertEqual(try store.search("kube").count, 3)
        XCTAssertEqual(try store.search("cafe").map(\.conversationID), ["cafe"])
        XCTAssertEqual(try store.search("CRÈME").map(\.conversationID), ["cafe"])
        XCTAssertEqual(try store.search("дела").map(\.conversationID), ["cafe"])
        XCTAssertEqual(try store.search("東京タワー").first?.snippet.matchedTexts, ["東京タワー"])
        XCTAssertEqual(try store.search("cluster upgrade").map(\.conversationID), ["dense"])
        XCTAssertEqual(try store.search("\"upgrade plan\"").map(\.conversationID), ["title"])
        XCTAssertEqual(try store.search("\"plan upgrade\""), [])
    }

    func testHostileQueriesNeverThrow() throws {
        let store = try seeded()
        let hostile = [
            "\"", "\"\"", "\"kube", "kube\"", "'", "' OR 1=1 --", "); DROP TABLE messages; --", "*", "kube*", "-kube",
            "kube AND", "OR", "NOT kube", "NEAR(kube", "title:kube", "{title}: x", "^kube", "a:b:c", "(", ")", "c++",
            "c#", "\\", "%", "_", "\u{0}", "\u{E000}", "🎉", "   ", "", "e\u{301}", String(repeating: "x ", count: 500),
            "kube\"*\"", "col:\"x\"", "+", "AND OR NOT",
        ]
        for query in hostile {
            XCTAssertNoThrow(try store.search(query), "query \(query.debugDescription)")
        }
        XCTAssertEqual(try store.search("kubernetes AND").map(\.conversationID), ["sparse"], "AND is a word, not an operator")
        XCTAssertEqual(try store.search("kube AND").count, 0, "only the last word matches as a prefix")
        XCTAssertEqual(try store.search("NOT kube").count, 0)
        XCTAssertEqual(try store.search("-kube").count, 3)
        XCTAssertEqual(try store.messagesTableExists(), true)
    }

    func testPrefixOfThousandsOfWordsStillFindsTheRareWordsMessage() throws {
        let store = try openStore()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for c in 0..<40 {
            let messages = (0..<50).map { m -> Message in
                let n = c * 50 + m
                let words = (0..<3).map { k in
                    "stream" + String(letters[(n * 3 + k) % 26]) + String(letters[(n * 3 + k) / 26 % 26])
                        + String(letters[(n * 3 + k) / 676 % 26])
                }
                var message = Message(
                    id: "bulk-\(n)", role: .assistant, text: words.joined(separator: " "),
                    createdAt: Self.t0.addingTimeInterval(Double(n)))
                message.remoteID = "r\(n)"
                return message
            }
            try store.importRemote(
                RemoteConversation(
                    provider: "dify", remoteID: "bulk-\(c)", title: "Bulk \(c)", createdAt: Self.t0,
                    updatedAt: Self.t0, messages: messages))
        }
        try store.save(conversation("rare", title: "Misc"))
        try store.save(Message(id: "z1", role: .user, text: "zephyr streamlined", createdAt: Self.t0), in: "rare")
        XCTAssertFalse(try store.search("stre").isEmpty)
        for prefix in ["st", "stre", "stream", "streaml", "streamlin"] {
            XCTAssertEqual(try store.search("zephyr " + prefix).map(\.messageID), ["z1"], prefix)
        }
        XCTAssertEqual(try store.search("zephyr streamx"), [])
        XCTAssertEqual(try store.search("zephyr stre").first?.snippet.matchedTexts, ["zephyr", "streamlined"])
    }

    func testArchivedConversationsAreOnlyFoundWhenAsked() throws {
        let store = try seeded()
        try store.setArchived(conversation: "dense", true)
        XCTAssertEqual(try store.search("cluster"), [])
        XCTAssertEqual(try store.search("cluster", includeArchived: true).map(\.conversationID), ["dense"])
    }

    func testStreamingReplyIsIndexedOnceItFinishes() throws {
        let store = try seeded()
        try store.save(conversation("live", title: "Live"))
        var reply = Message(id: "live-r", role: .assistant, text: "partial xylophone", status: .streaming, createdAt: Self.t0)
        try store.save(reply, in: "live")
        XCTAssertEqual(try store.search("xylophone"), [])
        reply.text += " quartet"
        reply.status = .complete
        try store.save(reply, in: "live")
        XCTAssertEqual(try store.search("xylophone quartet").map(\.messageID), ["live-r"])
        reply.text = "rewritten"
        try store.save(reply, in: "live")
        XCTAssertEqual(try store.search("xylophone"), [])
        XCTAssertEqual(try store.search("rewritten").map(\.messageID), ["live-r"])
        assertSearchIndexIntact(store)
    }

    func testAHugeReplyIsSearchableByItsFirst128KCharactersAndTheIndexStaysIntact() throws {
        let store = try seeded()
        try store.save(conversation("huge", title: "Huge"))
        let filler = String(repeating: "filler ", count: Migrations.v6IndexedCharacters / 7)
        var reply = Message(
            id: "huge-r", role: .assistant, text: "aardvark " + filler + " zeppelin", status: .streaming, createdAt: Self.t0)
        try store.save(reply, in: "huge")
        reply.status = .complete
        try store.save(reply, in: "huge")
        XCTAssertEqual(try store.search("aardvark").map(\.messageID), ["huge-r"])
        XCTAssertEqual(try store.search("zeppelin"), [], "words past the first 128 K characters are not indexed")
        assertSearchIndexIntact(store)

        reply.text = "rewritten " + filler + " again"
        try store.save(reply, in: "huge")
        XCTAssertEqual(try store.search("aardvark"), [])
        XCTAssertEqual(try store.search("rewritten").map(\.messageID), ["huge-r"])
        assertSearchIndexIntact(store)
        try store.delete(conversation: "huge")
        XCTAssertEqual(try store.search("rewritten"), [])
        assertSearchIndexIntact(store)
    }
}

extension SQLiteStore {
    fileprivate func messagesTableExists() throws -> Bool {
        try locked { try $0.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages'") == 1 }
    }
}
