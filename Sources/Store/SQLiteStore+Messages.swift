import ChatModel
import Foundation

/// Messages and profiles.
extension SQLiteStore {
    /// Inserts the message at the end of the conversation, or updates it in place when its id is stored.
    public func save(_ message: Message, in conversationID: String) throws {
        try transaction { db in try Self.write(message, in: conversationID, db) }
    }

    /// One message by id.
    public func message(id: String) throws -> Message? {
        try locked { db in try MessageQueries.message(id: id, db).map(RecordMapping.message) }
    }

    /// Records that a profile was used; the store keeps its name, provider and base URL (credentials in the URL
    /// redacted), nothing else: never a key, nor where one comes from.
    public func noteProfile(_ profile: Profile, at date: Date) throws {
        let time = date.timeIntervalSince1970
        try locked { db in
            try db.prepare(
                """
                INSERT INTO profiles (name, kind, base_url, first_used, last_used) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, base_url = excluded.base_url,
                last_used = MAX(last_used, excluded.last_used)
                """
            ).run(.text(profile.name), .text(profile.provider), .text(Redaction.url(profile.baseURL)),
                  .double(time), .double(time))
        }
    }

    /// Every profile ever used, most recent first, with what the store keeps of it: name, provider, base URL.
    public func profiles() throws -> [Profile] {
        try locked { db in
            let select = try db.prepare("SELECT name, kind, base_url FROM profiles ORDER BY last_used DESC, name")
            var result: [Profile] = []
            while try select.step() {
                result.append(Profile(name: select.text(0), provider: select.text(1), baseURL: select.optionalText(2) ?? ""))
            }
            return result
        }
    }

    static func write(_ message: Message, in conversationID: String, _ db: Database) throws {
        let position = try MessageQueries.position(ofMessage: message.id, db)
            ?? MessageQueries.nextPosition(inConversation: conversationID, db)
        try MessageQueries.write(RecordMapping.row(message, conversationID: conversationID, position: position), db)
        try ConversationQueries.touch(conversationID, at: message.createdAt.timeIntervalSince1970, db)
    }
}
