import ChatModel
import Foundation

/// The SQL that reads and writes runs and raw records, inside a caller's lock or transaction.
enum RunQueries {
    static func insert(_ row: RunRow, _ db: Database) throws {
        let placeholders = Array(repeating: "?", count: 22).joined(separator: ", ")
        try db.prepare("INSERT INTO runs (\(RunRow.columns)) VALUES (\(placeholders))").run(row.values)
    }

    /// Notes that `owner` writes the run while it streams.
    static func noteOwner(runID: String, _ owner: ProcessIdentity, _ db: Database) throws {
        try db.prepare("INSERT OR REPLACE INTO run_owners (run_id, pid, started) VALUES (?, ?, ?)")
            .run(.text(runID), .int(Int(owner.pid)), .text(owner.started))
    }

    /// The run has ended: no one writes it any more.
    static func forgetOwner(runID: String, _ db: Database) throws {
        try db.prepare("DELETE FROM run_owners WHERE run_id = ?").run(.text(runID))
    }

    /// The runs of a message that a process noted it writes, with that process.
    static func owners(ofMessage messageID: String, _ db: Database) throws -> [(runID: String, owner: ProcessIdentity)] {
        let select = try db.prepare(
            "SELECT o.run_id, o.pid, o.started FROM run_owners o JOIN runs r ON r.id = o.run_id WHERE r.message_id = ?")
        try select.bind(.text(messageID))
        var owners: [(String, ProcessIdentity)] = []
        while try select.step() {
            owners.append((select.text(0), ProcessIdentity(pid: Int32(select.int(1)), started: select.text(2))))
        }
        return owners
    }

    /// A message's runs are no longer written by anyone.
    static func forgetOwners(ofMessage messageID: String, _ db: Database) throws {
        try db.prepare("DELETE FROM run_owners WHERE run_id IN (SELECT id FROM runs WHERE message_id = ?)")
            .run(.text(messageID))
    }

    static func updateResponse(runID: String, _ head: ResponseHead, _ db: Database) throws {
        let headers = RecordMapping.json(head.headers.map(Redaction.header))
        try db.prepare("UPDATE runs SET response_status = ?, response_headers = ?, response_at = ? WHERE id = ?")
            .run(.int(head.status), .text(headers), .double(head.receivedAt), .text(runID))
    }

    static func updateMetrics(runID: String, _ metrics: RunMetrics, _ db: Database) throws {
        var row = RunRow(id: runID, messageID: "", startedAt: 0, method: "", url: "", requestHeaders: [], requestBody: Data())
        RecordMapping.apply(metrics, to: &row)
        try db.prepare(
            """
            UPDATE runs SET ttfb = ?, ttft = ?, duration = ?, bytes = ?, record_count = ?, event_count = ?, \
            keep_alives = ?, text_deltas = ?, largest_gap = ?, stalls = ?, completion_tokens = ?, largest_silence = ?
            WHERE id = ?
            """
        ).run(
            .doubleOrNull(row.ttfb), .doubleOrNull(row.ttft), .doubleOrNull(row.duration), .int(row.bytes),
            .int(row.recordCount), .int(row.eventCount), .int(row.keepAlives), .int(row.textDeltas),
            .double(row.largestGap), .int(row.stalls), .intOrNull(row.completionTokens), .double(row.largestSilence),
            .text(runID))
    }

    /// Appends records after the run's last stored one, in blocks (see `RecordBlock`); returns the next
    /// sequence number.
    static func append(_ records: [RawRecord], runID: String, firstSeq: Int, _ db: Database) throws -> Int {
        guard !records.isEmpty else { return firstSeq }
        let insert = try db.prepare("INSERT INTO record_blocks (run_id, \(RecordBlock.columns)) VALUES (?, ?, ?, ?, ?, ?)")
        for block in RecordBlock.blocks(records, firstSeq: firstSeq) {
            guard block.inPlace else {
                try insert.run(block.values(runID: runID))
                continue
            }
            // A big block's bytes and events go straight from memory into the file's pages, the events a piece at
            // a time: binding them would make SQLite build the whole row in memory first (40 MB for a 20 MiB
            // event), and the events' JSON would be one more copy of its text.
            var eventsSize = 0
            block.writeEvents { eventsSize += $0.utf8.count }
            try insert.run(block.values(runID: runID, eventsSize: eventsSize))
            let rowid = db.lastInsertRowID
            try db.writeBlob(table: "record_blocks", column: "bytes", rowid: rowid) { write in
                try block.bytes.withUnsafeBytes { try write($0) }
            }
            try db.writeBlob(table: "record_blocks", column: "events", rowid: rowid) { write in
                try block.writeEvents { piece in
                    var piece = piece
                    try piece.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
                }
            }
        }
        return firstSeq + records.count
    }

    static func nextSeq(runID: String, _ db: Database) throws -> Int {
        let select = try db.prepare(
            "SELECT first_seq + count FROM record_blocks WHERE run_id = ? ORDER BY first_seq DESC LIMIT 1")
        try select.bind(.text(runID))
        return try select.step() ? select.int(0) : 0
    }

    static func runs(forMessage messageID: String, _ db: Database) throws -> [RunRow] {
        let select = try db.prepare("SELECT \(RunRow.columns) FROM runs WHERE message_id = ? ORDER BY started_at, id")
        try select.bind(.text(messageID))
        var rows: [RunRow] = []
        while try select.step() { rows.append(RunRow(select)) }
        return rows
    }

    static func run(id: String, _ db: Database) throws -> RunRow? {
        let select = try db.prepare("SELECT \(RunRow.columns) FROM runs WHERE id = ?")
        try select.bind(.text(id))
        return try select.step() ? RunRow(select) : nil
    }

    /// Records `range` (by sequence number) of a run, in order: the blocks that hold them, cut to the range.
    static func records(runID: String, in range: Range<Int>, _ db: Database) throws -> [RawRecordRow] {
        guard !range.isEmpty else { return [] }
        let select = try db.prepare(
            """
            SELECT \(RecordBlock.columns) FROM record_blocks WHERE run_id = ?1 AND first_seq < ?3 AND first_seq >= \
            COALESCE((SELECT MAX(first_seq) FROM record_blocks WHERE run_id = ?1 AND first_seq <= ?2), 0) \
            ORDER BY first_seq
            """)
        try select.bind(.text(runID), .int(range.lowerBound), .int(range.upperBound))
        return try rows(select, runID: runID).filter { range.contains($0.seq) }
    }

    static func records(runID: String, _ db: Database) throws -> [RawRecordRow] {
        let select = try db.prepare("SELECT \(RecordBlock.columns) FROM record_blocks WHERE run_id = ? ORDER BY first_seq")
        try select.bind(.text(runID))
        return try rows(select, runID: runID)
    }

    /// The records of the blocks `select` yields; a block that does not decode is a damaged file.
    private static func rows(_ select: Statement, runID: String) throws -> [RawRecordRow] {
        var rows: [RawRecordRow] = []
        while try select.step() {
            let block = RecordBlock(select)
            guard let decoded = block.rows() else {
                throw StoreError(
                    kind: .notADatabase,
                    message: "The raw records \(block.firstSeq)..<\(block.firstSeq + block.count) of run \(runID) "
                        + "cannot be read back; the file is damaged. Run `parley doctor` to check it.")
            }
            rows += decoded
        }
        return rows
    }

    /// Every event of the message's latest run, in order.
    static func events(forMessage messageID: String, _ db: Database) throws -> [StreamEvent] {
        guard let latest = try runs(forMessage: messageID, db).last else { return [] }
        return try records(runID: latest.id, db).flatMap { $0.events.compactMap(RecordMapping.event) }
    }
}
