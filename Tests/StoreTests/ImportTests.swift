import ChatModel
import Foundation
import XCTest

@testable import Store

final class ImportTests: StoreTestCase {
    private func remote(answer: String, extra: Bool = false) -> RemoteConversation {
        var question = Message(id: "ignored-1", role: .user, text: "Wie spät ist es?", createdAt: Self.t0)
        question.remoteID = "dify-m1:query"
        var reply = richReply(id: "ignored-2")
        reply.text = answer
        reply.status = .complete
        reply.remoteID = "dify-m1"
        var messages = [question, reply]
        if extra {
            var more = Message(id: "ignored-3", role: .user, text: "Und morgen?", createdAt: Self.t0.addingTimeInterval(60))
            more.remoteID = "dify-m2:query"
            messages.append(more)
        }
        return RemoteConversation(
            provider: "dify", remoteID: "conv-abc", title: "Zeitfragen", profile: "work", createdAt: Self.t0,
            updatedAt: Self.t0.addingTimeInterval(extra ? 60 : 10), messages: messages)
    }

    func testImportingTwiceUpdatesInsteadOfDuplicating() throws {
        let store = try openStore()
        let first = try store.importRemote(remote(answer: "Drei Uhr"))
        XCTAssertTrue(first.conversationCreated)
        XCTAssertEqual(first.messagesInserted, 2)
        try store.setPinned(conversation: first.conversationID, true)
        let firstIDs = try store.transcript(id: first.conversationID)?.messages.map(\.id)

        let second = try store.importRemote(remote(answer: "Vier Uhr", extra: true))
        XCTAssertEqual(second.conversationID, first.conversationID)
        XCTAssertFalse(second.conversationCreated)
        XCTAssertEqual(second.messagesUpdated, 2)
        XCTAssertEqual(second.messagesInserted, 1)

        XCTAssertEqual(try store.conversationCount(), 1)
        let (conversation, messages) = try XCTUnwrap(try store.transcript(id: first.conversationID))
        XCTAssertTrue(conversation.pinned, "local pin survives a pull")
        XCTAssertEqual(conversation.updatedAt, Self.t0.addingTimeInterval(60))
        XCTAssertEqual(messages.map(\.text), ["Wie spät ist es?", "Vier Uhr", "Und morgen?"])
        XCTAssertEqual(Array(messages.prefix(2).map(\.id)), firstIDs)
        XCTAssertEqual(messages[1].citations.count, 2)
        XCTAssertEqual(try store.search("drei"), [])
        XCTAssertEqual(try store.search("vier").map(\.conversationID), [first.conversationID])
        XCTAssertEqual(try store.conversationID(provider: "dify", remoteID: "conv-abc"), first.conversationID)
        assertSearchIndexIntact(store)
    }

    func testSameRemoteIDFromAnotherProviderIsAnotherConversation() throws {
        let store = try openStore()
        var other = remote(answer: "x")
        other.provider = "helix"
        let a = try store.importRemote(remote(answer: "x"))
        let b = try store.importRemote(other)
        XCTAssertNotEqual(a.conversationID, b.conversationID)
        XCTAssertEqual(try store.conversationCount(), 2)
    }

    func testMessagesWithoutRemoteIDAreRefused() throws {
        let store = try openStore()
        var bad = remote(answer: "x")
        bad.messages[0].remoteID = nil
        XCTAssertThrowsError(try store.importRemote(bad)) { XCTAssertEqual(($0 as? StoreError)?.kind, .invalidInput) }
        XCTAssertEqual(try store.conversationCount(), 0)
    }
}
