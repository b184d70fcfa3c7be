import ChatModel
import Foundation

/// Layout format 2: each record keeps only what differs from the record before it.
///
/// The chunks of a stream repeat each other: an OpenAI chunk's id, model and framing take 120 of its 140 bytes,
/// and its event is a few words of text. Written whole, a 100,000-chunk reply put 25 MB into the file and SQLite
/// wrote it twice (log and file); the store's thread spent most of its time in the kernel's write path and held
/// the stream back. Here a record's bytes are the start it shares with the record before it, the bytes that
/// differ (in the `bytes` column), and the end it shares; a single text or reasoning event is its text in the
/// layout; the name of an event is stored once until it changes. The same reply takes about a tenth of the room.
///
/// After the format byte (2), per record:
/// - a flags byte: kind (bits 0-1, `RecordBlock.code`), name form (bits 2-3: 0 none, 1 the previous record's,
///   2 its own follows) and events form (bits 4-5: 0 the next entry of the `events` JSON array, 1 none, 2 one
///   text event, 3 one reasoning event);
/// - the byte offset, less the end of the record before (0 for the first), as a zigzag varint;
/// - the time received, as the difference of its IEEE bit pattern from the previous one's (0 before the
///   first), a zigzag varint: records read in one chunk share their time, and the value is exact;
/// - varints: the length of the bytes, how many start bytes and how many end bytes it shares with the
///   previous record's bytes (the rest, the middle, follows in `bytes`);
/// - with name form 2, the name's UTF-8 length (varint) and UTF-8; with events form 2 or 3, the text's.
///
/// Varints are unsigned LEB128. Everything is checked on reading: a layout that does not add up is a damaged
/// block, never a misread one.
extension RecordBlock {
    static let compactFormat: UInt8 = 2

    private enum NameForm: UInt8 {
        case none = 0, previous = 1, own = 2
    }

    private enum EventsForm: UInt8 {
        case json = 0, none = 1, text = 2, reasoning = 3
    }

    init(compact records: ArraySlice<RawRecord>, firstSeq: Int, size: Int) {
        var layout: [UInt8] = [Self.compactFormat]
        layout.reserveCapacity(1 + records.count * 24)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(size, 16 * 1024))
        var events: [UInt8] = [UInt8(ascii: "[")]
        var previousBytes: [UInt8] = []
        var previousName: String?
        var previousEnd = 0
        var previousTime: UInt64 = 0
        var shared = (prefix: 0, suffix: 0)
        for record in records {
            shared = Self.sharedEnds(previousBytes, record.bytes, likely: shared)
            let (prefix, suffix) = shared
            let nameForm: NameForm =
                record.eventName == nil ? .none : record.eventName == previousName ? .previous : .own
            var eventText: String?
            var eventsForm = EventsForm.json
            if record.events.isEmpty {
                eventsForm = .none
            } else if record.events.count == 1 {
                switch record.events[0] {
                case .text(let text): (eventsForm, eventText) = (.text, text)
                case .reasoning(let text): (eventsForm, eventText) = (.reasoning, text)
                default: break
                }
            }
            // The fixed fields, at most 51 bytes, are gathered on the stack and appended at once.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
                var count = 0
                scratch[0] = Self.code(record.kind) | nameForm.rawValue << 2 | eventsForm.rawValue << 4
                count = 1
                Self.putVarint(zigzag(Int64(record.offset) &- Int64(previousEnd)), into: scratch, at: &count)
                Self.putVarint(zigzag(Int64(bitPattern: record.receivedAt.bitPattern &- previousTime)), into: scratch, at: &count)
                Self.putVarint(UInt64(record.bytes.count), into: scratch, at: &count)
                Self.putVarint(UInt64(prefix), into: scratch, at: &count)
                Self.putVarint(UInt64(suffix), into: scratch, at: &count)
                layout.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
            }
            if nameForm == .own, var name = record.eventName { Self.appendText(&name, to: &layout) }
            if var text = eventText {
                Self.appendText(&text, to: &layout)
            } else if eventsForm == .json {
                if events.count > 1 { events.append(UInt8(ascii: ",")) }
                Self.appendEvents(record.events, to: &events)
            }
            record.bytes.withUnsafeBufferPointer { all in
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[prefix..<all.count - suffix]))
            }
            previousBytes = record.bytes
            previousName = record.eventName
            previousEnd = record.offset &+ record.bytes.count
            previousTime = record.receivedAt.bitPattern
        }
        events.append(UInt8(ascii: "]"))
        self.init(firstSeq: firstSeq, count: records.count, layout: layout, events: events, bytes: bytes)
    }

    /// How many bytes `current` shares with the start of `previous`, and then with its end (never more than
    /// `current` has left after the start, nor more than `previous` has). The counts of the record before are
    /// `likely` again (a stream's framing does not change) and checked first with `memcmp`; otherwise the
    /// bytes are compared eight at a time.
    static func sharedEnds(
        _ previous: [UInt8], _ current: [UInt8], likely: (prefix: Int, suffix: Int) = (0, 0)
    ) -> (prefix: Int, suffix: Int) {
        previous.withUnsafeBytes { old in
            current.withUnsafeBytes { new in
                let limit = min(old.count, new.count)
                let prefix = likelyPrefix(old, new, limit: limit, likely.prefix) ?? scanPrefix(old, new, limit: limit)
                let suffixLimit = min(new.count - prefix, old.count)
                let suffix = likelySuffix(old, new, limit: suffixLimit, likely.suffix) ?? scanSuffix(old, new, limit: suffixLimit)
                return (prefix, suffix)
            }
        }
    }

    /// `likely` when the first `likely` bytes are the same and the next differ (or one of the two ends there).
    private static func likelyPrefix(
        _ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer, limit: Int, _ likely: Int
    ) -> Int? {
        guard likely > 0, likely <= limit, memcmp(old.baseAddress!, new.baseAddress!, likely) == 0 else { return nil }
        return likely == limit || old[likely] != new[likely] ? likely : nil
    }

    private static func likelySuffix(
        _ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer, limit: Int, _ likely: Int
    ) -> Int? {
        guard likely > 0, likely <= limit,
              memcmp(old.baseAddress! + (old.count - likely), new.baseAddress! + (new.count - likely), likely) == 0
        else { return nil }
        return likely == limit || old[old.count - 1 - likely] != new[new.count - 1 - likely] ? likely : nil
    }

    private static func scanPrefix(_ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer, limit: Int) -> Int {
        var prefix = 0
        while prefix < limit {
            if prefix + 8 <= limit {
                let difference = word(old, prefix) ^ word(new, prefix)
                if difference == 0 {
                    prefix += 8
                    continue
                }
                return prefix + difference.trailingZeroBitCount >> 3
            }
            if old[prefix] != new[prefix] { break }
            prefix += 1
        }
        return prefix
    }

    private static func scanSuffix(_ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer, limit: Int) -> Int {
        var suffix = 0
        while suffix < limit {
            if suffix + 8 <= limit {
                let difference = word(old, old.count - suffix - 8) ^ word(new, new.count - suffix - 8)
                if difference == 0 {
                    suffix += 8
                    continue
                }
                return suffix + difference.leadingZeroBitCount >> 3
            }
            if old[old.count - 1 - suffix] != new[new.count - 1 - suffix] { break }
            suffix += 1
        }
        return suffix
    }

    /// Eight bytes from `at`, the first the least significant.
    private static func word(_ buffer: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// Writes `value` as a varint at `at` in `buffer` (room for ten bytes is the caller's) and moves `at` past it.
    private static func putVarint(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        var value = value
        while value >= 0x80 {
            buffer[at] = UInt8(truncatingIfNeeded: value) | 0x80
            at += 1
            value >>= 7
        }
        buffer[at] = UInt8(value)
        at += 1
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    private static func appendText(_ text: inout String, to out: inout [UInt8]) {
        text.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), to: &out)
            out.append(contentsOf: utf8)
        }
    }

    func compactRows() -> [RawRecordRow]? {
        var reader = LayoutReader(layout: layout)
        var jsonLists: [JSONValue]?
        var jsonIndex = 0
        var rows: [RawRecordRow] = []
        rows.reserveCapacity(count)
        var previousBytes: [UInt8] = []
        var previousName: String?
        var previousEnd = 0
        var previousTime: UInt64 = 0
        var middleStart = 0
        for index in 0..<count {
            guard let flags = reader.byte(), flags >> 6 == 0,
                  let nameForm = NameForm(rawValue: flags >> 2 & 3), let eventsForm = EventsForm(rawValue: flags >> 4 & 3),
                  let offsetDelta = reader.zigzag(), let timeDelta = reader.zigzag(),
                  let length = reader.size(), let prefix = reader.size(), let suffix = reader.size(),
                  prefix <= previousBytes.count, suffix <= previousBytes.count, prefix + suffix <= length,
                  length - prefix - suffix <= bytes.count - middleStart
            else { return nil }
            var name: String?
            switch nameForm {
            case .none: name = nil
            case .previous: name = previousName
            case .own:
                guard let utf8 = reader.text() else { return nil }
                name = String(decoding: utf8, as: UTF8.self)
            }
            var events: [EventRecord] = []
            switch eventsForm {
            case .none: break
            case .text, .reasoning:
                guard let utf8 = reader.text() else { return nil }
                let text = String(decoding: utf8, as: UTF8.self)
                events = [RecordMapping.row(eventsForm == .text ? .text(text) : .reasoning(text))]
            case .json:
                if jsonLists == nil { jsonLists = (try? JSONReader.parse(self.events))?.arrayValue ?? [] }
                events = Self.eventRows(jsonIndex < jsonLists!.count ? jsonLists![jsonIndex] : nil)
                jsonIndex += 1
            }
            let middleEnd = middleStart + length - prefix - suffix
            var recordBytes: [UInt8] = []
            recordBytes.reserveCapacity(length)
            recordBytes += previousBytes[..<prefix]
            recordBytes += bytes[middleStart..<middleEnd]
            recordBytes += previousBytes[(previousBytes.count - suffix)...]
            middleStart = middleEnd
            let offset = previousEnd &+ Int(truncatingIfNeeded: offsetDelta)
            let time = previousTime &+ UInt64(bitPattern: timeDelta)
            rows.append(RawRecordRow(
                seq: firstSeq + index, kind: Self.kindNames[Int(flags & 3)], offset: offset,
                receivedAt: Double(bitPattern: time), eventName: name, bytes: recordBytes, events: events))
            previousBytes = recordBytes
            previousName = name
            previousEnd = offset &+ length
            previousTime = time
        }
        guard reader.atEnd, middleStart == bytes.count else { return nil }
        return rows
    }
}

private func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: value << 1 ^ value >> 63)
}

/// Reads a compact layout from after its format byte; every read is nil past the end.
private struct LayoutReader {
    let layout: [UInt8]
    var at = 1

    var atEnd: Bool { at == layout.count }

    mutating func byte() -> UInt8? {
        guard at < layout.count else { return nil }
        defer { at += 1 }
        return layout[at]
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            guard let byte = byte() else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
        }
        return nil
    }

    mutating func zigzag() -> Int64? {
        varint().map { Int64(bitPattern: $0 >> 1) ^ -Int64(bitPattern: $0 & 1) }
    }

    /// A length: a varint no larger than a layout could describe (2^40), so sums of a few never overflow.
    mutating func size() -> Int? {
        varint().flatMap { $0 <= 1 << 40 ? Int($0) : nil }
    }

    mutating func text() -> ArraySlice<UInt8>? {
        guard let length = size(), length <= layout.count - at else { return nil }
        defer { at += length }
        return layout[at..<at + length]
    }
}
