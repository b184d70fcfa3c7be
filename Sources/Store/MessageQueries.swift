import Foundation

/// The SQL that reads and writes message rows and their part rows, inside a caller's lock or transaction.
enum MessageQueries {
    /// Updates the message row, or inserts it when it is new, and replaces all its part rows.
    ///
    /// An update first, not an upsert: SQLite builds an upsert's row twice (once for the insert that conflicts,
    /// once for the update), which for a reply of 20 MiB is 40 MB held at once.
    static func write(_ row: MessageRow, _ db: Database) throws {
        let values = row.values + [.textOrNull(searchPrefix(row.text))]
        try db.prepare("UPDATE messages SET \(assignments) WHERE id = ?1").run(values)
        if db.changes == 0 {
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            try db.prepare("INSERT INTO messages (\(MessageRow.columns), search_prefix) VALUES (\(placeholders))")
                .run(values)
        }
        try writeParts(row, db)
    }

    /// `column = ?N` for every column but the id, numbered as in `MessageRow.columns`, then `search_prefix`.
    private static let assignments = (MessageRow.columns.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
    } + ["search_prefix"]).enumerated().dropFirst().map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: ", ")

    /// What the search index covers of a text longer than it covers: its first characters, as SQLite's
    /// `substr` counts them (see `Migrations.v6Search`); nil for a text it covers whole.
    static func searchPrefix(_ text: String) -> String? {
        searchPrefixEnd(text).map { String(text.unicodeScalars[..<$0]) }
    }

    /// True when the search index covers only the start of `text` (see `searchPrefix`), found without copying it.
    static func outgrowsTheIndex(_ text: String) -> Bool {
        searchPrefixEnd(text) != nil
    }

    /// Where the indexed part of a longer text ends; nil for a text the index covers whole.
    private static func searchPrefixEnd(_ text: String) -> String.Index? {
        let limit = Migrations.v6IndexedCharacters
        guard text.utf8.count > limit else { return nil }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return nil }
        return end
    }

    /// Replaces the part rows of a message.
    static func writeParts(_ row: MessageRow, _ db: Database) throws {
        for table in ["steps", "citations", "files"] {
            try db.prepare("DELETE FROM \(table) WHERE message_id = ?").run(.text(row.id))
        }
        if !row.steps.isEmpty {
            let insert = try db.prepare(
                "INSERT INTO steps (message_id, position, id, kind, name, input, output, status, thought) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (i, s) in row.steps.enumerated() {
                try insert.run(
                    .text(row.id), .int(i), .text(s.id), .text(s.kind), .text(s.name), .text(s.input), .text(s.output),
                    .text(s.status), .text(s.thought))
            }
        }
        if !row.citations.isEmpty {
            let insert = try db.prepare(
                "INSERT INTO citations (message_id, position, id, rank, title, source, content, score, url) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (i, c) in row.citations.enumerated() {
                try insert.run(
                    .text(row.id), .int(i), .textOrNull(c.id), .intOrNull(c.rank), .text(c.title), .textOrNull(c.source),
                    .text(c.content), .doubleOrNull(c.score), .textOrNull(c.url))
            }
        }
        if !row.files.isEmpty {
            let insert = try db.prepare(
                "INSERT INTO files (message_id, position, id, type, url, name, belongs_to) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (i, f) in row.files.enumerated() {
                try insert.run(
                    .text(row.id), .int(i), .textOrNull(f.id), .text(f.type), .textOrNull(f.url), .textOrNull(f.name),
                    .textOrNull(f.belongsTo))
            }
        }
    }

    /// The message rows of a conversation in order, with their parts.
    static func messages(inConversation id: String, _ db: Database) throws -> [MessageRow] {
        let select = try db.prepare(
            "SELECT \(MessageRow.columns) FROM messages WHERE conversation_id = ? ORDER BY position, num")
        try select.bind(.text(id))
        var rows: [MessageRow] = []
        while try select.step() { rows.append(MessageRow(select)) }
        return try rows.map { try loadParts($0, db) }
    }

    /// One message row by id, with its parts.
    static func message(id: String, _ db: Database) throws -> MessageRow? {
        let select = try db.prepare("SELECT \(MessageRow.columns) FROM messages WHERE id = ?")
        try select.bind(.text(id))
        return try select.step() ? loadParts(MessageRow(select), db) : nil
    }

    /// The row with its step, citation and file rows filled in.
    static func loadParts(_ row: MessageRow, _ db: Database) throws -> MessageRow {
        var row = row
        let steps = try db.prepare(
            "SELECT id, kind, name, input, output, status, thought FROM steps WHERE message_id = ? ORDER BY position")
        try steps.bind(.text(row.id))
        while try steps.step() {
            row.steps.append(
                StepRow(
                    id: steps.text(0), kind: steps.text(1), name: steps.text(2), input: steps.text(3),
                    output: steps.text(4), status: steps.text(5), thought: steps.text(6)))
        }
        let citations = try db.prepare(
            "SELECT id, rank, title, source, content, score, url FROM citations WHERE message_id = ? ORDER BY position")
        try citations.bind(.text(row.id))
        while try citations.step() {
            row.citations.append(
                CitationRow(
                    id: citations.optionalText(0), rank: citations.optionalInt(1), title: citations.text(2),
                    source: citations.optionalText(3), content: citations.text(4), score: citations.optionalDouble(5),
                    url: citations.optionalText(6)))
        }
        let files = try db.prepare(
            "SELECT id, type, url, name, belongs_to FROM files WHERE message_id = ? ORDER BY position")
        try files.bind(.text(row.id))
        while try files.step() {
            row.files.append(
                FileRow(
                    id: files.optionalText(0), type: files.text(1), url: files.optionalText(2),
                    name: files.optionalText(3), belongsTo: files.optionalText(4)))
        }
        return row
    }

    /// The position a new message in the conversation takes.
    static func nextPosition(inConversation id: String, _ db: Database) throws -> Int {
        let select = try db.prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM messages WHERE conversation_id = ?")
        try select.bind(.text(id))
        return try select.step() ? select.int(0) : 0
    }

    /// The stored position of a message, if it exists.
    static func position(ofMessage id: String, _ db: Database) throws -> Int? {
        let select = try db.prepare("SELECT position FROM messages WHERE id = ?")
        try select.bind(.text(id))
        return try select.step() ? select.int(0) : nil
    }
}
