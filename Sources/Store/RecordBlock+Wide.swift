import ChatModel

/// Layout format 1: every record's bytes whole, one after another, and fixed-width fields.
///
/// Blocks written before the compact format have it, and a block of a megabyte or more is still written in it:
/// its one record's bytes go into the file in place, with nothing to share with a record before it.
///
/// Little-endian binary, the format byte (1) then per record: kind (1 byte), byte offset in the body (8), time
/// received (8, an IEEE double), length of its bytes (8), length of its event name (2, `0xFFFF` for none) and
/// the name's UTF-8. The `events` column holds one JSON array of events per record.
extension RecordBlock {
    static let wideFormat: UInt8 = 1

    static func wideLayout(_ records: ArraySlice<RawRecord>) -> [UInt8] {
        var layout = [wideFormat]
        for record in records {
            layout.append(code(record.kind))
            appendFixed(UInt64(bitPattern: Int64(record.offset)), to: &layout)
            appendFixed(record.receivedAt.bitPattern, to: &layout)
            appendFixed(UInt64(record.bytes.count), to: &layout)
            if let name = record.eventName {
                let utf8 = Array(name.utf8.prefix(0xFFFE))
                appendFixed(UInt16(utf8.count), to: &layout)
                layout += utf8
            } else {
                appendFixed(UInt16(0xFFFF), to: &layout)
            }
        }
        return layout
    }

    func wideRows() -> [RawRecordRow]? {
        let eventLists = (try? JSONReader.parse(events))?.arrayValue ?? []
        var rows: [RawRecordRow] = []
        rows.reserveCapacity(count)
        var at = 1
        var start = 0
        for index in 0..<count {
            guard at + 27 <= layout.count, Int(layout[at]) < Self.kindNames.count else { return nil }
            let kind = Self.kindNames[Int(layout[at])]
            let offset = Int(Int64(bitPattern: readFixed(UInt64.self, at + 1)))
            let time = Double(bitPattern: readFixed(UInt64.self, at + 9))
            let length = Int(clamping: readFixed(UInt64.self, at + 17))
            let nameLength = Int(readFixed(UInt16.self, at + 25))
            at += 27
            var name: String?
            if nameLength != 0xFFFF {
                guard at + nameLength <= layout.count else { return nil }
                name = String(decoding: layout[at..<at + nameLength], as: UTF8.self)
                at += nameLength
            }
            guard length <= bytes.count - start else { return nil }
            rows.append(RawRecordRow(
                seq: firstSeq + index, kind: kind, offset: offset, receivedAt: time, eventName: name,
                bytes: Array(bytes[start..<start + length]),
                events: Self.eventRows(index < eventLists.count ? eventLists[index] : nil)))
            start += length
        }
        return rows
    }

    private static func appendFixed<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private func readFixed<T: FixedWidthInteger>(_ type: T.Type, _ at: Int) -> T {
        var value: T = 0
        for index in (0..<MemoryLayout<T>.size).reversed() { value = value << 8 | T(layout[at + index]) }
        return value
    }
}
