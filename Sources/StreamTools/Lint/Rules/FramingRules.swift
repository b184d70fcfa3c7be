import Foundation

/// The WHATWG event-stream rules: encoding, BOM, line ends, fields, comments, unterminated events.
enum FramingRules {
    static let knownFields: Set<String> = ["data", "event", "id", "retry"]

    static func check(_ stream: LintStream, _ findings: inout FindingCollector) {
        guard !stream.body.isEmpty else {
            findings.add(.empty, record: nil, offset: 0, "The body has no bytes.")
            return
        }
        if stream.body.starts(with: [0xEF, 0xBB, 0xBF]) {
            findings.add(.bom, record: 0, offset: 0, "The body starts with a UTF-8 byte-order mark (EF BB BF).")
        }
        checkLineEnds(stream, &findings)
        checkUTF8(stream, &findings)
        for record in stream.records {
            checkFields(record, &findings)
            switch record.kind {
            case .tail:
                findings.add(
                    .unterminated, at: record,
                    "\(record.bytes.count) bytes after the last blank line: \(preview(record.bytes)).")
            case .keepAlive:
                let fields = record.lines.filter { !$0.isComment && !$0.bytes.isEmpty }.map(\.text)
                if !fields.isEmpty {
                    findings.add(.eventWithoutData, at: record, "A block with no data line: \(fields.joined(separator: " | ")).")
                }
            case .event:
                break
            }
        }
    }

    private static func checkLineEnds(_ stream: LintStream, _ findings: inout FindingCollector) {
        var kinds = Set<String>()
        for record in stream.records {
            for line in record.lines {
                switch line.end {
                case .crlf:
                    kinds.insert("CRLF")
                    findings.add(.crlf, record: record.index, offset: line.offset + line.bytes.count, "Lines end in CRLF.")
                case .cr:
                    kinds.insert("CR")
                    findings.add(.lineEndCR, record: record.index, offset: line.offset + line.bytes.count, "A line ends in a lone CR.")
                case .lf:
                    kinds.insert("LF")
                case .none:
                    break
                }
            }
        }
        if kinds.count > 1 {
            let first = stream.records.flatMap(\.lines).first { $0.end != .none }?.end
            let odd = stream.records.flatMap { record in record.lines.map { (record.index, $0) } }
                .first { $0.1.end != first && $0.1.end != .none }
            findings.summary(
                .mixedLineEnds, record: odd?.0, offset: odd.map { $0.1.offset + $0.1.bytes.count },
                "Lines end in \(kinds.sorted().joined(separator: " and ")); this is the first that differs from the first line.")
        }
    }

    private static func checkUTF8(_ stream: LintStream, _ findings: inout FindingCollector) {
        for record in stream.records {
            var iterator = record.bytes.makeIterator()
            var decoder = UTF8()
            var position = 0
            var consumed = 0
            decode: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    position += UTF8.width(scalar)
                case .emptyInput:
                    break decode
                case .error:
                    consumed = position
                    findings.add(
                        .invalidUTF8, record: record.index, offset: record.offset + consumed,
                        "Bytes that are not UTF-8 (the record reads \(preview(record.bytes))).")
                    position += 1
                }
            }
        }
    }

    private static func checkFields(_ record: LintStream.Record, _ findings: inout FindingCollector) {
        for line in record.lines where !line.bytes.isEmpty {
            if line.isComment {
                findings.add(.comment, record: record.index, offset: line.offset, "A comment line: \(preview(Array(line.bytes))).")
                continue
            }
            let field = line.field.replacingOccurrences(of: "\u{FEFF}", with: "")
            if field == "id" || field == "retry" {
                findings.add(.idOrRetry, record: record.index, offset: line.offset, "The stream sets \(field): \(preview(Array(line.bytes))).")
            } else if !knownFields.contains(field) {
                findings.add(
                    .unknownField, record: record.index, offset: line.offset,
                    "An unknown field \"\(field)\" (\(preview(Array(line.bytes)))).")
            }
        }
    }

    /// Up to 60 bytes as text, with line ends shown as ␍ and ␊.
    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
            .replacingOccurrences(of: "\r", with: "␍").replacingOccurrences(of: "\n", with: "␊")
        return "\"" + text + (bytes.count > 60 ? "…" : "") + "\""
    }
}
