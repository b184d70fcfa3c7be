import ChatModel
import Wire

/// A body cut into records as Parley's SSE parser cuts it, with each record's lines and arrival time.
///
/// The rules read this one view: records are numbered as the inspector numbers raw records, and lines keep
/// their exact terminators, which the parser itself hides.
public struct LintStream: Sendable {
    /// How a line ended.
    public enum LineEnd: Sendable, Equatable {
        case lf, crlf, cr
        /// The body ended inside the line.
        case none
    }

    /// One line of a record: its text without the terminator, where it starts, and how it ended.
    public struct Line: Sendable {
        public var bytes: ArraySlice<UInt8>
        public var offset: Int
        public var end: LineEnd

        /// The line as text (invalid UTF-8 as U+FFFD).
        public var text: String { String(decoding: bytes, as: UTF8.self) }
        public var isComment: Bool { bytes.first == UInt8(ascii: ":") }
        /// The field name: everything before the first colon, or the whole line.
        public var field: String {
            String(decoding: bytes.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
        }
    }

    /// One record: a dispatched event, a keep-alive block, or bytes left unterminated at the end.
    public struct Record: Sendable {
        public var index: Int
        public var offset: Int
        public var bytes: [UInt8]
        /// When its last byte arrived, in seconds after the request.
        public var time: Double
        public var kind: SSEFrame.Kind
        public var lines: [Line]

        public var event: SSEEvent? {
            if case .event(let event) = kind { return event }
            return nil
        }
    }

    public var records: [Record]
    public var body: [UInt8]

    /// Cuts `pieces` into records; a leading BOM stays in the first record's bytes and first line.
    public init(pieces: [LintInput.Piece]) {
        body = pieces.flatMap(\.bytes)
        var ends: [(end: Int, time: Double)] = []
        var total = 0
        for piece in pieces where !piece.bytes.isEmpty {
            total += piece.bytes.count
            ends.append((total, piece.time))
        }
        var parser = SSEParser()
        let frames = parser.feed(body) + parser.finish()
        var piece = 0
        records = frames.enumerated().map { index, frame in
            let last = frame.offset + max(frame.bytes.count, 1)
            while piece < ends.count - 1, ends[piece].end < last { piece += 1 }
            return Record(
                index: index, offset: frame.offset, bytes: frame.bytes, time: ends.isEmpty ? 0 : ends[piece].time,
                kind: frame.kind, lines: Self.lines(of: frame.bytes, at: frame.offset))
        }
    }

    /// The dispatched events, with their records.
    public var events: [(record: Record, event: SSEEvent)] {
        records.compactMap { record in record.event.map { (record, $0) } }
    }

    private static func lines(of bytes: [UInt8], at offset: Int) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                var end = LineEnd.lf
                var next = i + 1
                if byte == 0x0D {
                    end = .cr
                    if next < bytes.count, bytes[next] == 0x0A {
                        end = .crlf
                        next += 1
                    }
                }
                lines.append(Line(bytes: bytes[start..<i], offset: offset + start, end: end))
                start = next
                i = next
            } else {
                i += 1
            }
        }
        if start < bytes.count { lines.append(Line(bytes: bytes[start...], offset: offset + start, end: .none)) }
        return lines
    }
}
