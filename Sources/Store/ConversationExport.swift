import Foundation

/// The JSON export of one conversation: every row the store holds for it, nested.
///
/// It is the stored rows themselves (not the domain types), so nothing is lost or reinterpreted: prices stay
/// decimal strings, dates are seconds since 1970, bytes are base64.
struct ConversationExport: Codable {
    struct MessageEntry: Codable {
        var message: MessageRow
        var runs: [RunEntry]
    }

    struct RunEntry: Codable {
        var run: RunRow
        var records: [RawRecordRow]
    }

    var format = "parley.conversation"
    var schemaVersion: Int
    var conversation: ConversationRow
    var messages: [MessageEntry]
}

extension SQLiteStore {
    /// The conversation as pretty-printed JSON with its messages, runs and raw records.
    public func exportJSON(conversation id: String) throws -> String {
        let document = try locked { db -> ConversationExport in
            guard let conversation = try ConversationQueries.row(id: id, db) else {
                throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
            }
            let messages = try MessageQueries.messages(inConversation: id, db).map { message in
                let runs = try RunQueries.runs(forMessage: message.id, db).map {
                    ConversationExport.RunEntry(run: $0, records: try RunQueries.records(runID: $0.id, db))
                }
                return ConversationExport.MessageEntry(message: message, runs: runs)
            }
            return ConversationExport(schemaVersion: Migrations.current, conversation: conversation, messages: messages)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
