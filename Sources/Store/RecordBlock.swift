import ChatModel

/// Consecutive raw records of a run stored together in one `record_blocks` row.
///
/// A fast stream delivers a hundred thousand records in a fraction of a second; one row per record capped the
/// store at the rate SQLite inserts rows (about 135,000 a second here), so storing a burst took five times as
/// long as receiving it. A block holds up to `maxRecords` records or `maxBytes` of their bytes. Its `layout`
/// column says, record by record, what each was and where its bytes are; `bytes` holds the bytes, and `events`
/// a JSON array with the events the layout does not hold itself. A record larger than `maxBytes` is a block of
/// its own; records are never split.
///
/// The layout's first byte names its format. Format 2 (`RecordBlock+Compact.swift`) is what blocks are written
/// in: a stream's records repeat each other's framing, so each keeps only what differs from the one before it.
/// Format 1 (`RecordBlock+Wide.swift`) holds every record's bytes whole; files written before the compact format
/// have it, and a block of a megabyte or more is still written in it, into the file in place.
struct RecordBlock {
    static let maxRecords = 512
    static let maxBytes = 256 * 1024
    /// Blocks from this size on are written into the file in place (see `RunQueries.append`).
    static let writtenInPlace = 1 << 20
    static let columns = "first_seq, count, layout, events, bytes"

    var firstSeq: Int
    var count: Int
    var layout: [UInt8]
    /// The events as JSON text (UTF-8); empty for a block written in place, whose events are `eventValues`.
    var events: [UInt8]
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
            let slice = records[start..<end]
            blocks.append(
                size >= writtenInPlace
                    ? RecordBlock(inPlace: slice, firstSeq: firstSeq + start)
                    : RecordBlock(compact: slice, firstSeq: firstSeq + start, size: size))
            start = end
        }
        return blocks
    }

    /// A block of one record too big to build in memory twice: its bytes are the record's own (shared, not
    /// copied) and its events stay values until they are written a piece at a time.
    private init(inPlace records: ArraySlice<RawRecord>, firstSeq: Int) {
        self.firstSeq = firstSeq
        count = records.count
        layout = Self.wideLayout(records)
        events = []
        bytes = records.count == 1 ? records[records.startIndex].bytes : Array(records.map(\.bytes).joined())
        eventValues = records.map { record in .array(record.events.map { .object(RecordMapping.row($0).json) }) }
    }

    /// Appends one record's events as a JSON array, the objects `EventRecord.json` writes; text, reasoning and
    /// replacements, nearly every event of a long stream, are written directly, without building the object.
    static func appendEvents(_ events: [StreamEvent], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for index in events.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch events[index] {
            case .text(let text): appendTextEvent(#"{"type":"text","text":""#, text, to: &out)
            case .reasoning(let text): appendTextEvent(#"{"type":"reasoning","text":""#, text, to: &out)
            case .replaced(let text): appendTextEvent(#"{"type":"replaced","text":""#, text, to: &out)
            default: out += JSONLine.text(.object(RecordMapping.row(events[index]).json)).utf8
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func appendTextEvent(_ opening: StaticString, _ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: opening.utf8Start, count: opening.utf8CodeUnitCount))
        var escaped = JSONLine.escape(text)
        escaped.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "}"))
    }

    /// Hands the events' JSON text to `emit` in pieces of at most about a megabyte (see `JSONLine.write`).
    func writeEvents(_ emit: (String) throws -> Void) rethrows {
        if eventValues.isEmpty { return try emit(events.isEmpty ? "[]" : String(decoding: events, as: UTF8.self)) }
        try JSONLine.write(.array(eventValues), pieceSize: Self.writtenInPlace, emit: emit)
    }

    init(firstSeq: Int, count: Int, layout: [UInt8], events: [UInt8], bytes: [UInt8]) {
        self.firstSeq = firstSeq
        self.count = count
        self.layout = layout
        self.events = events
        self.bytes = bytes
    }

    init(_ s: Statement) {
        self.init(
            firstSeq: s.int(0), count: s.int(1), layout: s.blob(2), events: s.blob(3),
            bytes: s.blob(4))
    }

    /// The row's values; written in place, zeros of the right sizes stand for the events and the bytes.
    func values(runID: String, eventsSize: Int? = nil) -> [SQLValue] {
        guard let eventsSize else {
            return [.text(runID), .int(firstSeq), .int(count), .blob(layout), .blob(events), .blob(bytes)]
        }
        return [.text(runID), .int(firstSeq), .int(count), .blob(layout), .zeroBlob(eventsSize), .zeroBlob(bytes.count)]
    }

    /// The block's records in order; `nil` when the layout does not describe `count` records inside `bytes`.
    func rows() -> [RawRecordRow]? {
        switch layout.first {
        case Self.wideFormat: wideRows()
        case Self.compactFormat: compactRows()
        default: nil
        }
    }

    static let kindNames = ["event", "keepalive", "document", "tail"]
    static func code(_ kind: RawRecord.Kind) -> UInt8 {
        switch kind {
        case .event: 0
        case .keepAlive: 1
        case .document: 2
        case .tail: 3
        }
    }

    /// A record's events as they were stored: the rows the `events` column holds.
    static func eventRows(_ list: JSONValue?) -> [EventRecord] {
        (list?.arrayValue ?? []).compactMap(EventRecord.init(json:))
    }
}
