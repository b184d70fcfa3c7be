import ChatModel
import Foundation

/// Turns replies left `streaming` by a crash into `interrupted` ones, keeping everything that had arrived.
///
/// The run writer stores the reply and its records in the same transaction, so the stored reply is normally
/// complete up to the last flush. When a run's records carry events, the reply is rebuilt from them instead,
/// which also covers writers that only appended records.
enum Recovery {
    static let notice = "Parley stopped before this reply finished; what had arrived is kept."

    static func markInterrupted(_ db: Database) throws -> [String] {
        let find = try db.prepare("SELECT \(MessageRow.columns) FROM messages WHERE status = 'streaming'")
        var rows: [MessageRow] = []
        while try find.step() { rows.append(MessageRow(find)) }
        guard !rows.isEmpty else { return [] }
        return try db.transaction {
            try rows.map { row in
                var full = try MessageQueries.loadParts(row, db)
                var message = RecordMapping.message(full)
                let events = try RunQueries.events(forMessage: row.id, db)
                if !events.isEmpty {
                    var rebuilt = Message(id: message.id, role: message.role, status: .streaming, createdAt: message.createdAt)
                    rebuilt.remoteID = message.remoteID
                    for event in events { rebuilt.apply(event) }
                    message = rebuilt
                }
                if message.status == .streaming {
                    message.status = .interrupted
                    message.error = message.error ?? ProviderError(kind: .interrupted, message: notice)
                }
                full = RecordMapping.row(message, conversationID: row.conversationID, position: row.position)
                try MessageQueries.write(full, db)
                return row.id
            }
        }
    }
}
