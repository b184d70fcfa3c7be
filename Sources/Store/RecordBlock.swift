import ChatModel

/// Consecutive raw records of a run stored together in one `record_blocks` row.
///
/// A fast stream delivers a hundred thousand records in a fraction of a second; one row per record capped the
/// store at the rate SQLite inserts rows (about 135,000 a second here), so storing a burst took five times as
/// long as receiving it. A block holds up to `maxRecords` records or `maxBytes` of their bytes: its `bytes`
/// column is their bytes one after another, `layout` says where each starts and what it was, and `events` is a
/// JSON array with each record's events (the same objects the per-record column held before). A record larger
/// than `maxBytes` is a block of its own; records are never split.
///
/// `layout` is little-endian binary, a format byte (1) then per record: kind (1 byte), byte offset in the body
/// (8), time received (8, an IEEE double), length of its bytes (8), length of its event name (2, `0xFFFF` for
/// none) and the name's UTF-8.
struct RecordBlock {
    static let maxRecords = 512
    static let maxBytes = 256 * 1024
    /// Blocks from this size on are written into the file in place (see `RunQueries.append`).
    static let writtenInPlace = 1 << 20
    static let columns = "first_seq, count, layout, events, bytes"

    var firstSeq: Int
    var count: Int
    var layout: [UInt8]
    /// The events as JSON text; empty for a block written in place, whose events are `eventValues`.
    var events: String
    /// A block written in place keeps its events as values, written out a piece at a time.
    private(set) var eventValues: [JSONLine.Value] = []
    var bytes: [UInt8]

    /// True for a block big enough to be written into the file in place (see `RunQueries.append`).
    var inPlace: Bool { bytes.count >= Self.writtenInPlace }

    /// Cuts `records`, numbered from `firstSeq`, into blocks.
    static func blocks(_ records: [RawRecord], firstSeq: Int) -> [RecordBlock] {
        var blocks: [RecordBlock] = []
        var start = 0
        while start < records.count {
            var end = start
            var size = 0
            while end < records.count, end - start < maxRecords,
                  end == start || size + records[end].bytes.count <= maxBytes {
                size += records[end].bytes.count
                end += 1
            }
            blocks.append(RecordBlock(records[start..<end], firstSeq: firstSeq + start, size: size))
            start = end
        }
        return blocks
    }

    private init(_ records: ArraySlice<RawRecord>, firstSeq: Int, size: Int) {
        self.firstSeq = firstSeq
        count = records.count
        layout = [Self.format]
        layout.reserveCapacity(1 + records.count * 27)
        bytes = []
        if records.count > 1 { bytes.reserveCapacity(size) }
        let inPlace = size >= Self.writtenInPlace
        var eventLists: [JSONLine.Value] = []
        var eventsText = "["
        if !inPlace { eventsText.reserveCapacity(size / 2 + 16) }
        for record in records {
            layout.append(Self.kindCodes[record.kind] ?? 0)
            Self.append(UInt64(bitPattern: Int64(record.offset)), to: &layout)
            Self.append(record.receivedAt.bitPattern, to: &layout)
            Self.append(UInt64(record.bytes.count), to: &layout)
            if let name = record.eventName {
                let utf8 = Array(name.utf8.prefix(0xFFFE))
                Self.append(UInt16(utf8.count), to: &layout)
                layout += utf8
            } else {
                Self.append(UInt16(0xFFFF), to: &layout)
            }
            if records.count == 1 { bytes = record.bytes } else { bytes += record.bytes }
            if inPlace {
                eventLists.append(.array(record.events.map { .object(RecordMapping.row($0).json) }))
            } else {
                if eventsText.utf8.count > 1 { eventsText += "," }
                Self.appendEvents(record.events, to: &eventsText)
            }
        }
        events = inPlace ? "" : eventsText + "]"
        eventValues = eventLists
    }

    /// Appends one record's events as a JSON array, the objects `EventRecord.json` writes; text, reasoning and
    /// replacements, nearly every event of a long stream, are written directly, without building the object.
    private static func appendEvents(_ events: [StreamEvent], to out: inout String) {
        out += "["
        for (index, event) in events.enumerated() {
            if index > 0 { out += "," }
            switch event {
            case .text(let text): appendTextEvent("text", text, to: &out)
            case .reasoning(let text): appendTextEvent("reasoning", text, to: &out)
            case .replaced(let text): appendTextEvent("replaced", text, to: &out)
            default: out += JSONLine.text(.object(RecordMapping.row(event).json))
            }
        }
        out += "]"
    }

    private static func appendTextEvent(_ type: String, _ text: String, to out: inout String) {
        out += #"{"type":""#
        out += type
        out += #"","text":""#
        out += JSONLine.escape(text)
        out += #""}"#
    }

    /// Hands the events' JSON text to `emit` in pieces of at most about a megabyte (see `JSONLine.write`).
    func writeEvents(_ emit: (String) throws -> Void) rethrows {
        if eventValues.isEmpty { return try emit(events.isEmpty ? "[]" : events) }
        try JSONLine.write(.array(eventValues), pieceSize: Self.writtenInPlace, emit: emit)
    }

    init(firstSeq: Int, count: Int, layout: [UInt8], events: String, bytes: [UInt8]) {
        self.firstSeq = firstSeq
        self.count = count
        self.layout = layout
        self.events = events
        self.bytes = bytes
    }

    init(_ s: Statement) {
        self.init(
            firstSeq: s.int(0), count: s.int(1), layout: s.blob(2), events: String(decoding: s.blob(3), as: UTF8.self),
            bytes: s.blob(4))
    }

    /// The row's values; written in place, zeros of the right sizes stand for the events and the bytes.
    func values(runID: String, eventsSize: Int? = nil) -> [SQLValue] {
        guard let eventsSize else {
            return [.text(runID), .int(firstSeq), .int(count), .blob(layout), .text(events), .blob(bytes)]
        }
        return [.text(runID), .int(firstSeq), .int(count), .blob(layout), .zeroBlob(eventsSize), .zeroBlob(bytes.count)]
    }

    /// The block's records in order; `nil` when the layout does not describe `count` records inside `bytes`.
    func rows() -> [RawRecordRow]? {
        guard layout.first == Self.format else { return nil }
        let eventLists = (try? JSONReader.parse(events))?.arrayValue ?? []
        var rows: [RawRecordRow] = []
        rows.reserveCapacity(count)
        var at = 1
        var start = 0
        for index in 0..<count {
            guard at + 27 <= layout.count, Int(layout[at]) < Self.kindNames.count else { return nil }
            let kind = Self.kindNames[Int(layout[at])]
            let offset = Int(Int64(bitPattern: read(UInt64.self, at + 1)))
            let time = Double(bitPattern: read(UInt64.self, at + 9))
            let length = Int(clamping: read(UInt64.self, at + 17))
            let nameLength = Int(read(UInt16.self, at + 25))
            at += 27
            var name: String?
            if nameLength != 0xFFFF {
                guard at + nameLength <= layout.count else { return nil }
                name = String(decoding: layout[at..<at + nameLength], as: UTF8.self)
                at += nameLength
            }
            guard length <= bytes.count - start else { return nil }
            let events = index < eventLists.count ? (eventLists[index].arrayValue ?? []) : []
            rows.append(RawRecordRow(
                seq: firstSeq + index, kind: kind, offset: offset, receivedAt: time, eventName: name,
                bytes: Array(bytes[start..<start + length]), events: events.compactMap(EventRecord.init(json:))))
            start += length
        }
        return rows
    }

    private static let format: UInt8 = 1
    private static let kindNames = ["event", "keepalive", "document", "tail"]
    private static let kindCodes: [RawRecord.Kind: UInt8] = [.event: 0, .keepAlive: 1, .document: 2, .tail: 3]

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private func read<T: FixedWidthInteger>(_ type: T.Type, _ at: Int) -> T {
        var value: T = 0
        for index in (0..<MemoryLayout<T>.size).reversed() { value = value << 8 | T(layout[at + index]) }
        return value
    }
}
