import ChatModel
import Foundation
import XCTest

@testable import Store

/// Text holding U+0000 goes into a real SQLite file and comes back whole: a C string would end at the NUL.
final class NULTextTests: StoreTestCase {
    func testTextWithNULIsStoredAndReadBackWhole() throws {
        let prompt = "prompt with \u{0} nul inside"
        let store = try openStore()
        try store.save(conversation("c1", title: prompt))
        try store.save(Message(id: "m1", role: .user, text: prompt, createdAt: Self.t0), in: "c1")
        try store.save(Message(id: "m2", role: .assistant, text: "\u{0}", createdAt: Self.t0), in: "c1")

        let reopened = try openStore()
        let (read, messages) = try XCTUnwrap(try reopened.transcript(id: "c1"))
        XCTAssertEqual(read.title, prompt)
        XCTAssertEqual(messages.map(\.text), [prompt, "\u{0}"])
        XCTAssertEqual(messages[0].text.utf8.count, prompt.utf8.count)
        XCTAssertEqual(try reopened.search("inside").map(\.conversationID), ["c1"], "words after the NUL are indexed")
    }

    func testEmptyTextStaysEmptyNotNull() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: ""))
        try store.save(Message(id: "m1", role: .assistant, text: "", createdAt: Self.t0), in: "c1")
        let (read, messages) = try XCTUnwrap(try openStore().transcript(id: "c1"))
        XCTAssertEqual(read.title, "")
        XCTAssertEqual(messages.map(\.text), [""])
    }
}
