import ChatModel
import Foundation

/// Turns replies left `streaming` by a crash into `interrupted` ones, keeping everything that had arrived.
///
/// Only replies whose writer is gone: a reply another running Parley is still streaming (its run's owner is
/// alive) is left alone, so a second process opening the store never rewrites a live reply.
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
            try rows.compactMap { row in
                guard try !RunQueries.owners(ofMessage: row.id, db).contains(where: isBeingWritten) else { return nil }
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
                try RunQueries.forgetOwners(ofMessage: row.id, db)
                return row.id
            }
        }
    }

    /// True while a run's writer works on it: another live process, or a writer of this process that has
    /// neither finished nor been dropped.
    private static func isBeingWritten(_ run: (runID: String, owner: ProcessIdentity)) -> Bool {
        run.owner == .current ? RunWriter.isLive(run.runID) : run.owner.isAlive
    }
}
