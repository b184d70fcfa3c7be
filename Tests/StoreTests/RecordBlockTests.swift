import ChatModel
import Foundation
import TestSupport
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

    func testTheEventsColumnHoldsWhatTheLayoutDoesNotInTheEventWritersJSON() throws {
        var records = mixedRecords(count: 30)
        records[4].events = [.text("quote \" back\\slash\nline \u{1B}[2J \u{202E}"), .replaced("all\tnew"), .reasoning("")]
        let block = try XCTUnwrap(RecordBlock.blocks(records, firstSeq: 0).first)
        let inJSON = records.filter { record in
            switch record.events.first {
            case nil: false
            case .text, .reasoning: record.events.count > 1
            default: true
            }
        }
        XCTAssertEqual(inJSON.count, 5, "the record with three events and the four with usage")
        let expected = JSONLine.arrayText(inJSON.map { record in
            .array(record.events.map { .object(RecordMapping.row($0).json) })
        })
        XCTAssertEqual(String(decoding: block.events, as: UTF8.self), expected)
        XCTAssertEqual(block.rows()?.map(RecordMapping.record), records)
    }

    /// OpenAI-style chunks as a real server sends them: the same id, model and framing each time, a few words
    /// of text, now and then a chunk with a usage event or a new event name.
    private func chunkStream(count: Int) -> [RawRecord] {
        var records: [RawRecord] = []
        var offset = 0
        for i in 0..<count {
            let words = i % 97 == 0 ? "ünïcode \u{1F600} \\\"quoted\\\"" : "w\(i) "
            let text = #"data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1767225900,"model":"gpt-x","#
                + #""choices":[{"index":0,"delta":{"content":"\#(words)"},"finish_reason":null}]}"# + "\n\n"
            let bytes = Array(text.utf8)
            let events: [StreamEvent] =
                i % 250 == 0 ? [.text(words), .usage(Usage(promptTokens: 3, completionTokens: i))] : [.text(words)]
            records.append(RawRecord(
                kind: .event, offset: offset, receivedAt: 0.25 + Double(i / 40) * 0.001, bytes: bytes,
                eventName: i % 1_000 < 500 ? nil : "delta", events: events))
            offset += bytes.count
        }
        return records
    }

    func testAStreamOfSimilarChunksTakesAFractionOfItsSizeAndReadsBackExactly() throws {
        let records = chunkStream(count: 5_000)
        let store = try storeWithReply()
        try store.save(run("run5", records: records))

        XCTAssertEqual(try store.run(id: "run5")?.records, records)
        XCTAssertEqual(try store.records(ofRun: "run5", in: 1_020..<1_030), Array(records[1_020..<1_030]))
        let received = records.reduce(0) { $0 + $1.bytes.count }
        let stored = try store.locked {
            try $0.scalarInt("SELECT SUM(length(layout) + length(events) + length(bytes)) FROM record_blocks WHERE run_id = 'run5'")
        }
        XCTAssertLessThan(stored * 6, received, "stored \(stored) bytes for \(received) received")
    }

    func testRecordsWhoseFieldsJumpReadBackExactly() throws {
        var records = chunkStream(count: 40)
        records[3].offset = 5
        records[4].offset = 1 << 40
        records[5].receivedAt = -0.0
        records[6].receivedAt = 1e300
        records[7].receivedAt = 0.1 + 0.2
        records[8].receivedAt = .leastNonzeroMagnitude
        records[9].bytes = []
        records[10].bytes = records[11].bytes + records[11].bytes
        records[12].bytes = Array(records[11].bytes.prefix(7))
        records[13].kind = .tail
        records[14].eventName = ""
        records[15].events = [.reasoning("")]
        let block = try XCTUnwrap(RecordBlock.blocks(records, firstSeq: 7).first)
        let rows = try XCTUnwrap(block.rows())
        XCTAssertEqual(rows.map(RecordMapping.record), records)
        XCTAssertEqual(rows.map(\.seq), Array(7..<47))
        XCTAssertEqual(rows[5].receivedAt.sign, .minus, "the time's bits are kept, sign and all")
    }

    func testAFileWrittenBeforeTheCompactLayoutReadsBack() throws {
        let records = mixedRecords(count: 40)
        let store = try storeWithReply()
        try store.save(run("run6", records: []))
        let wide = RecordBlock(
            firstSeq: 0, count: records.count, layout: RecordBlock.wideLayout(records[...]),
            events: Array(JSONLine.arrayText(records.map { record in
                .array(record.events.map { .object(RecordMapping.row($0).json) })
            }).utf8),
            bytes: Array(records.map(\.bytes).joined()))
        try store.locked { db in
            try db.prepare("INSERT INTO record_blocks (run_id, \(RecordBlock.columns)) VALUES (?, ?, ?, ?, ?, ?)")
                .run(wide.values(runID: "run6"))
        }
        XCTAssertEqual(try store.run(id: "run6")?.records, records)
        XCTAssertEqual(try store.records(ofRun: "run6", in: 10..<12), Array(records[10..<12]))
    }

    /// The shared start and end are the longest there are, whatever counts the record before suggests.
    func testSharedEndsAreTheLongestWhateverTheHint() {
        func naive(_ old: [UInt8], _ new: [UInt8]) -> (Int, Int) {
            var prefix = 0
            while prefix < min(old.count, new.count), old[prefix] == new[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < min(new.count - prefix, old.count), old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
                suffix += 1
            }
            return (prefix, suffix)
        }
        var random = SeededRandom(state: 7)
        for _ in 0..<5_000 {
            let base = (0..<Int(random.next() % 40)).map { _ in UInt8(random.next() % 3) }
            var other = base
            for _ in 0..<Int(random.next() % 4) where !other.isEmpty {
                other[Int(random.next() % UInt64(other.count))] = UInt8(random.next() % 3)
            }
            if random.next() % 3 == 0 { other += (0..<Int(random.next() % 20)).map { _ in UInt8(random.next() % 3) } }
            let hint = (prefix: Int(random.next() % 45), suffix: Int(random.next() % 45))
            let got = RecordBlock.sharedEnds(base, other, likely: hint)
            let expected = naive(base, other)
            XCTAssertTrue(got == expected, "\(base) \(other) hint \(hint): \(got) not \(expected)")
        }
    }

    /// Cut or changed, a block's columns never crash the reader; a cut one is always reported as damaged.
    func testDamagedCompactBlocksAreReportedNeverMisreadOrCrashing() throws {
        var records = chunkStream(count: 60)
        records[30].events = [.finished(reason: "stop")]
        let block = try XCTUnwrap(RecordBlock.blocks(records, firstSeq: 0).first)
        XCTAssertEqual(block.layout.first, RecordBlock.compactFormat)
        for cut in [1, 2, block.layout.count / 2, block.layout.count - 1] {
            var damaged = block
            damaged.layout.removeLast(block.layout.count - cut)
            XCTAssertNil(damaged.rows(), "layout cut to \(cut) bytes")
        }
        for cut in [0, block.bytes.count / 2, block.bytes.count - 1] {
            var damaged = block
            damaged.bytes.removeLast(block.bytes.count - cut)
            XCTAssertNil(damaged.rows(), "bytes cut to \(cut)")
        }
        var longer = block
        longer.bytes.append(0)
        XCTAssertNil(longer.rows(), "bytes no record accounts for")
        var random = SeededRandom(state: 12)
        for _ in 0..<2_000 {
            var damaged = block
            for _ in 0..<1 + Int(random.next() % 4) {
                let at = 1 + Int(random.next() % UInt64(damaged.layout.count - 1))
                damaged.layout[at] = UInt8(truncatingIfNeeded: random.next())
            }
            if let rows = damaged.rows() { XCTAssertEqual(rows.count, records.count) }
        }
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
