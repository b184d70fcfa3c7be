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

    func testPullingATurnParleyStreamedMergesWithItInsteadOfDuplicatingOrWipingIt() throws {
        let store = try openStore()
        var conversation = conversation("c1", title: "Sent with parley send", at: 100)
        conversation.remoteID = "conv-sent"
        try store.save(conversation)
        try store.save(Message(id: "u1", role: .user, text: "How late is it?", createdAt: Self.t0.addingTimeInterval(100)), in: "c1")
        var streamed = Message(id: "r1", role: .assistant, text: "It is three.", createdAt: Self.t0.addingTimeInterval(101))
        streamed.remoteID = "dify-7"
        streamed.usage = Usage(promptTokens: 5, completionTokens: 3, totalTokens: 8, totalPrice: Price("0.0000470"), currency: "USD")
        try store.save(streamed, in: "c1")
        try store.save(StoredRun(
            id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/"),
            records: [RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: Array("data: x\n\n".utf8), events: [.text("It is three.")])]))

        func pulled() -> RemoteConversation {
            var older = Message(id: "x", role: .user, text: "Hello?", createdAt: Self.t0)
            older.remoteID = "dify-6:query"
            var olderAnswer = Message(id: "x", role: .assistant, text: "Hi.", createdAt: Self.t0)
            olderAnswer.remoteID = "dify-6"
            var query = Message(id: "x", role: .user, text: "How late is it?", createdAt: Self.t0.addingTimeInterval(100))
            query.remoteID = "dify-7:query"
            var answer = Message(id: "x", role: .assistant, text: "It is three.", createdAt: Self.t0.addingTimeInterval(100))
            answer.remoteID = "dify-7"
            answer.citations = [Citation(title: "Clock", content: "three")]
            return RemoteConversation(
                provider: "dify", remoteID: "conv-sent", title: "Sent with parley send", createdAt: Self.t0,
                updatedAt: Self.t0.addingTimeInterval(100), messages: [older, olderAnswer, query, answer])
        }
        let first = try store.importRemote(pulled())
        XCTAssertEqual(first.conversationID, "c1")
        XCTAssertEqual(first.messagesInserted, 2, "only the turn Parley never saw is new")
        let messages = try XCTUnwrap(try store.transcript(id: "c1")).messages
        XCTAssertEqual(messages.map(\.text), ["Hello?", "Hi.", "How late is it?", "It is three."], "no duplicate, in time order")
        XCTAssertEqual(messages.map(\.id).suffix(2), ["u1", "r1"], "the local messages stay themselves")
        XCTAssertEqual(messages[3].usage?.totalPrice, Price("0.0000470"), "usage the server's history lacks is kept")
        XCTAssertEqual(messages[3].citations.map(\.title), ["Clock"], "what only the server has is filled in")
        XCTAssertEqual(messages[2].remoteID, "dify-7:query", "the prompt now carries the server's id")
        XCTAssertEqual(try store.runs(forMessage: "r1").count, 1, "its run and raw records stay")

        try store.importRemote(pulled())
        XCTAssertEqual(try XCTUnwrap(try store.transcript(id: "c1")).messages, messages, "pulling twice changes nothing")
    }
}
