import ChatModel
import Foundation
import XCTest

@testable import Store

/// Raw records are stored in blocks; whatever the cut, every record reads back exactly as it arrived.
final class RecordBlockTests: StoreTestCase {
    /// Records of every kind, with and without event names (one not ASCII), empty ones, and one larger than a
    /// block, so the cuts fall in different places.
    private func mixedRecords(count: Int) -> [RawRecord] {
        (0..<count).map { i in
            switch i % 7 {
            case 0: RawRecord(kind: .keepAlive, offset: i * 40, receivedAt: Double(i) / 1000, bytes: Array(": ping\n\n".utf8), events: [])
            case 3: RawRecord(kind: .event, offset: i * 40, receivedAt: Double(i) / 1000, bytes: [], eventName: "leer", events: [])
            case 5:
                RawRecord(
                    kind: .event, offset: i * 40, receivedAt: Double(i) / 1000,
                    bytes: Array("event: 思考\ndata: {\"n\":\(i)}\n\n".utf8), eventName: "思考",
                    events: [.reasoning("gedacht \(i)"), .usage(Usage(promptTokens: i, totalPrice: Price("0.0001")))])
            default:
                RawRecord(
                    kind: i == count - 1 ? .tail : .event, offset: i * 40, receivedAt: Double(i) / 1000,
                    bytes: Array("data: {\"delta\":\"w\(i) \"}\n\n".utf8), events: [.text("w\(i) ")])
            }
        }
    }

    private func run(_ id: String, records: [RawRecord]) -> StoredRun {
        StoredRun(
            id: id, messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "POST", url: "http://127.0.0.1/v1"),
            records: records)
    }

    private func storeWithReply() throws -> SQLiteStore {
        let store = try openStore()
        try store.save(conversation("c1", title: "Blocks"))
        try store.save(Message(id: "r1", role: .assistant, text: "w", createdAt: Self.t0), in: "c1")
        return store
    }

    func testEveryRecordReadsBackWholeAndByAnyRange() throws {
        var records = mixedRecords(count: 1_300)
        records[700].bytes = Array(repeating: UInt8(ascii: "x"), count: RecordBlock.maxBytes + 10)
        let store = try storeWithReply()
        try store.save(run("run1", records: records))

        XCTAssertEqual(try store.run(id: "run1")?.records, records)
        for range in [0..<1, 0..<512, 511..<513, 690..<710, 1_000..<1_300, 1_299..<1_400, 1_300..<1_310] {
            XCTAssertEqual(
                try store.records(ofRun: "run1", in: range), Array(records[range.clamped(to: 0..<records.count)]),
                "records \(range)")
        }
        let blocks = try store.locked { try $0.scalarInt("SELECT COUNT(*) FROM record_blocks WHERE run_id = 'run1'") }
        XCTAssertLessThan(blocks, 10, "1,300 records take a few rows, not one each")
    }

    func testABlockOverAMegabyteIsWrittenInPlaceAndReadsBackExactly() throws {
        var records = mixedRecords(count: 5)
        let text = String(repeating: "grün \u{1F600} \"quoted\"\n", count: 80_000)
        records[2] = RawRecord(
            kind: .document, offset: 80, receivedAt: 0.5, bytes: Array(text.utf8), events: [.text(text), .finished(reason: "stop")])
        let store = try storeWithReply()
        try store.save(run("run4", records: records))
        XCTAssertEqual(try store.run(id: "run4")?.records, records)
        XCTAssertEqual(try store.records(ofRun: "run4", in: 2..<3), [records[2]])
    }

    func testTheEventsColumnIsWhatTheEventWriterWrites() throws {
        var records = mixedRecords(count: 30)
        records[4].events = [.text("quote \" back\\slash\nline \u{1B}[2J \u{202E}"), .replaced("all\tnew"), .reasoning("")]
        let block = try XCTUnwrap(RecordBlock.blocks(records, firstSeq: 0).first)
        let expected = JSONLine.arrayText(records.map { record in
            .array(record.events.map { .object(RecordMapping.row($0).json) })
        })
        XCTAssertEqual(block.events, expected)
    }

    func testRecordsWrittenInBatchesContinueTheirNumbering() throws {
        let store = try storeWithReply()
        let records = mixedRecords(count: 200)
        let writer = try store.startRun(
            id: "run2", conversationID: "c1", reply: Message(id: "r2", role: .assistant, createdAt: Self.t0),
            request: RunRequest(method: "POST", url: "http://127.0.0.1/v1"), startedAt: Self.t0,
            policy: RunWriter.Policy(maxRecords: 30), now: { 0 })
        var log = RunLog(
            id: RunID("run2"), conversationID: "c1", reply: Message(id: "r2", role: .assistant, createdAt: Self.t0))
        for start in stride(from: 0, to: records.count, by: 45) {
            let slice = Array(records[start..<min(start + 45, records.count)])
            log.append(contentsOf: slice)
            try writer.append(slice, folded: log)
        }
        try writer.finish(log)
        XCTAssertEqual(try store.run(id: "run2")?.records, records)
        XCTAssertEqual(try store.records(ofRun: "run2", in: 40..<95), Array(records[40..<95]))
    }

    func testAVersion5FileKeepsItsRecordsInBlocks() throws {
        let records = mixedRecords(count: 600)
        let old = try SQLiteStore(path: databasePath, migratingTo: 5)
        try insertOld(conversation: "c1", title: "Old records", into: old)
        try insertOld(message: "r1", in: "c1", role: "assistant", text: "w", into: old)
        try old.locked { db in
            try db.execute(
                "INSERT INTO runs (id, message_id, started_at, method, url, request_headers, request_body) "
                    + "VALUES ('old', 'r1', 0, 'POST', 'http://127.0.0.1/', '[]', x'')")
            let insert = try db.prepare(
                "INSERT INTO raw_records (run_id, seq, kind, byte_offset, received_at, event_name, bytes, events) "
                    + "VALUES ('old', ?, ?, ?, ?, ?, ?, ?)")
            for (seq, record) in records.enumerated() {
                let row = RecordMapping.row(record, seq: seq)
                try insert.run(
                    .int(seq), .text(row.kind), .int(row.offset), .double(row.receivedAt), .textOrNull(row.eventName),
                    .blob(row.bytes), .text(EventRecord.jsonText(row.events)))
            }
        }

        let store = try openStore()
        XCTAssertEqual(store.fileSchemaVersion, SQLiteStore.schemaVersion)
        XCTAssertEqual(try store.run(id: "old")?.records, records)
        XCTAssertEqual(try store.records(ofRun: "old", in: 510..<520), Array(records[510..<520]))
        let oldTable = try store.locked { try $0.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'raw_records'") }
        XCTAssertEqual(oldTable, 0)
    }

    func testADamagedBlockIsReportedNotMisread() throws {
        let store = try storeWithReply()
        try store.save(run("run3", records: mixedRecords(count: 20)))
        try store.locked { try $0.execute("UPDATE record_blocks SET layout = substr(layout, 1, 40)") }
        XCTAssertThrowsError(try store.run(id: "run3")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .notADatabase)
            XCTAssertTrue("\(error)".contains("parley doctor"), "\(error)")
        }
    }
}
