import ChatModel
import Foundation
import XCTest

@testable import Store

/// Base for store tests: a fresh temporary directory per test, and builders for realistic messages.
class StoreTestCase: XCTestCase {
    var directory: URL!

    var databasePath: String { directory.appendingPathComponent("parley.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: databasePath, environment: [:]) { "id-" + UUID().uuidString.prefix(8).lowercased() }
    }

    /// Fails when the full-text index disagrees with the rows it indexes.
    func assertSearchIndexIntact(_ store: SQLiteStore, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(
            try store.locked { db in
                try db.execute("INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)")
                try db.execute("INSERT INTO conversation_fts(conversation_fts, rank) VALUES ('integrity-check', 1)")
            }, file: file, line: line)
    }

    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// Writes a conversation into a file of an older schema (made with `SQLiteStore(path:migratingTo:)`) with
    /// the columns every version has; today's writer writes today's columns.
    func insertOld(conversation id: String, title: String, into store: SQLiteStore) throws {
        try store.locked { db in
            try db.prepare(
                "INSERT INTO conversations (id, title, provider, profile, created_at, updated_at) VALUES (?, ?, 'dify', 'work', ?, ?)"
            ).run(.text(id), .text(title), .double(Self.t0.timeIntervalSince1970), .double(Self.t0.timeIntervalSince1970))
        }
    }

    /// Writes a message into a file of an older schema, as `insertOld(conversation:)` does.
    func insertOld(
        message id: String, in conversation: String, role: String = "user", text: String, status: String = "complete",
        position: Int = 0, into store: SQLiteStore
    ) throws {
        try store.locked { db in
            try db.prepare(
                "INSERT INTO messages (id, conversation_id, position, role, text, reasoning, status, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, '', ?, ?)"
            ).run(.text(id), .text(conversation), .int(position), .text(role), .text(text), .text(status),
                  .double(Self.t0.timeIntervalSince1970))
        }
    }


    func conversation(_ id: String, title: String, at offset: Double = 0) -> Conversation {
        Conversation(id: id, title: title, provider: "dify", profile: "work", createdAt: Self.t0.addingTimeInterval(offset))
    }

    /// An assistant reply carrying every part type, with non-ASCII text and an exact decimal price.
    func richReply(id: String) -> Message {
        var m = Message(id: id, role: .assistant, text: "Grüße aus Zürich — 東京 🎉 `code`", createdAt: Self.t0.addingTimeInterval(5))
        m.reasoning = "Thinking about naïve façades…"
        m.steps = [
            Step(id: "s1", kind: .toolCall, name: "search_web", input: #"{"q":"天気"}"#, output: "sunny", status: .completed),
            Step(id: "s2", kind: .agentThought, name: "plan", status: .failed, thought: "Try again ```quietly```"),
        ]
        m.citations = [
            Citation(id: "c1", position: 1, title: "Handbook.pdf", source: "kb-main", content: "Section 3 says…", score: 0.875, url: "https://example.invalid/h"),
            Citation(title: "No score", content: "plain"),
        ]
        m.files = [Attachment(id: "f1", type: "image", url: "https://example.invalid/cat.png", name: "cat.png", belongsTo: "assistant")]
        m.usage = Usage(
            promptTokens: 12, completionTokens: 34, totalTokens: 46, totalPrice: Price("0.0000495"),
            currency: "USD", latency: 1.25)
        m.error = ProviderError(kind: .stream, status: 400, code: "invalid_param", message: "Ärger")
        m.finishReason = "stop"
        m.remoteID = "remote-\(id)"
        m.status = .failed
        return m
    }
}

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 0.0

    var now: Double { lock.withLock { time } }

    func advance(_ seconds: Double) { lock.withLock { time += seconds } }

    var function: @Sendable () -> Double { { [self] in now } }
}
