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

    /// Appends records after the run's last stored one; returns the next sequence number.
    static func append(_ records: [RawRecord], runID: String, firstSeq: Int, _ db: Database) throws -> Int {
        let insert = try db.prepare(
            "INSERT INTO raw_records (run_id, \(RawRecordRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        var seq = firstSeq
        for record in records {
            try insert.run(RecordMapping.row(record, seq: seq).values(runID: runID))
            seq += 1
        }
        return seq
    }

    static func nextSeq(runID: String, _ db: Database) throws -> Int {
        let select = try db.prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM raw_records WHERE run_id = ?")
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

    /// Records `range` (by sequence number) of a run, in order.
    static func records(runID: String, in range: Range<Int>, _ db: Database) throws -> [RawRecordRow] {
        let select = try db.prepare(
            "SELECT \(RawRecordRow.columns) FROM raw_records WHERE run_id = ? AND seq >= ? AND seq < ? ORDER BY seq")
        try select.bind(.text(runID), .int(range.lowerBound), .int(range.upperBound))
        var rows: [RawRecordRow] = []
        while try select.step() { rows.append(RawRecordRow(select)) }
        return rows
    }

    static func records(runID: String, _ db: Database) throws -> [RawRecordRow] {
        let select = try db.prepare("SELECT \(RawRecordRow.columns) FROM raw_records WHERE run_id = ? ORDER BY seq")
        try select.bind(.text(runID))
        var rows: [RawRecordRow] = []
        while try select.step() { rows.append(RawRecordRow(select)) }
        return rows
    }

    /// Every event of the message's latest run, in order.
    static func events(forMessage messageID: String, _ db: Database) throws -> [StreamEvent] {
        guard let latest = try runs(forMessage: messageID, db).last else { return [] }
        return try records(runID: latest.id, db).flatMap { $0.events.compactMap(RecordMapping.event) }
    }
}
