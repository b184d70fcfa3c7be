import Foundation

/// A JSON object whose keys keep the order they were added in, written as one line; the project's one JSON writer.
///
/// `parley send --jsonl` and `parley replay --jsonl` promise `type` first; `JSONSerialization` does not
/// keep order, so lines are written by hand here. Request bodies, listings, recordings and exports are
/// written here too, with keys sorted and, for documents people read, indented as Foundation's encoders
/// indent them, so every format comes out of one writer and one set of escapes.
public struct JSONLine: Sendable {
    private var fields: [(String, Value)] = []

    /// A JSON value that can sit in a line.
    public enum Value: Sendable {
        case string(String)
        case int(Int)
        case double(Double)
        case decimal(Decimal)
        case bool(Bool)
        case null
        case object(JSONLine)
        case array([Value])
        /// A number exactly as written, such as `2` or `-1.5e3`.
        case number(String)

        /// A `Double` as Foundation's encoders write it: the shortest text that reads back the same, whole
        /// numbers without `.0` (`2`, `0.875`, `1e-07`); not finite is `null`.
        public static func shortest(_ value: Double) -> Value {
            guard value.isFinite else { return .null }
            let text = "\(value)"
            return .number(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
        }
    }

    /// How a value is laid out: on one line or indented, with keys in insertion order or sorted.
    public struct Layout: Sendable {
        /// Object keys in code-point order, as `.sortedKeys` orders them.
        public var sortedKeys: Bool
        /// Two spaces per level and `"key" : value`, as `.prettyPrinted` writes on Linux.
        public var pretty: Bool

        public init(sortedKeys: Bool = false, pretty: Bool = false) {
            self.sortedKeys = sortedKeys
            self.pretty = pretty
        }

        /// One line, keys in insertion order: `--jsonl` and the store's columns.
        public static let line = Layout()
        /// One line, keys sorted: request bodies, recordings and listings, stable for tests and scripts.
        public static let sorted = Layout(sortedKeys: true)
        /// Indented with keys sorted: documents a person reads.
        public static let document = Layout(sortedKeys: true, pretty: true)
    }

    public init() {}

    /// An object of string fields, added in key order.
    public init(_ strings: [String: String]) {
        for key in strings.keys.sorted() { set(key, strings[key]) }
    }

    /// Adds a field; `nil` optionals are written as JSON `null`.
    public mutating func set(_ key: String, _ value: Value) {
        fields.append((key, value))
    }

    public mutating func set(_ key: String, _ value: String?) {
        set(key, value.map(Value.string) ?? .null)
    }

    public mutating func set(_ key: String, _ value: Int?) {
        set(key, value.map(Value.int) ?? .null)
    }

    /// Adds a field only when there is a value; absent optionals leave the key out.
    public mutating func setIfPresent(_ key: String, _ value: String?) {
        if let value { set(key, .string(value)) }
    }

    public mutating func setIfPresent(_ key: String, _ value: Int?) {
        if let value { set(key, .int(value)) }
    }

    public mutating func setIfPresent(_ key: String, _ value: Value?) {
        if let value { set(key, value) }
    }

    /// The object with every key, at any depth, passed through `key` and every `.double` through `double`;
    /// for writing the same fields under another spelling (snake case, Foundation's numbers).
    public func mapped(keys key: (String) -> String, doubles double: (Double) -> Value) -> JSONLine {
        func map(_ value: Value) -> Value {
            switch value {
            case .object(let object): return .object(object.mapped(keys: key, doubles: double))
            case .array(let items): return .array(items.map(map))
            case .double(let d): return double(d)
            default: return value
            }
        }
        var result = JSONLine()
        result.fields = fields.map { (key($0.0), map($0.1)) }
        return result
    }

    /// A JSON array of values as compact text.
    public static func arrayText(_ items: [Value]) -> String {
        text(.array(items))
    }

    /// The object as compact JSON text.
    public var text: String { text(.line) }

    /// The object as JSON text in the given layout.
    public func text(_ layout: Layout) -> String {
        JSONLine.text(.object(self), layout)
    }

    /// Any value as JSON text in the given layout.
    public static func text(_ value: Value, _ layout: Layout = .line) -> String {
        var out = ""
        write(value, layout, indent: 0, into: &out)
        return out
    }

    /// Writes `value` as compact JSON (the `.line` layout) in pieces of about `pieceSize` bytes, handing each to
    /// `emit` in order: a string of many megabytes is escaped and handed on a piece at a time, so the whole text
    /// never exists at once. Joined, the pieces are `text(value)`.
    public static func write(_ value: Value, pieceSize: Int, emit: (String) throws -> Void) rethrows {
        var out = ""
        try writePieces(value, pieceSize: pieceSize, out: &out, emit: emit)
        if !out.isEmpty { try emit(out) }
    }

    private static func writePieces(
        _ value: Value, pieceSize: Int, out: inout String, emit: (String) throws -> Void
    ) rethrows {
        switch value {
        case .string(let s) where s.utf8.count > pieceSize:
            out += "\""
            try emit(out)
            out = ""
            var start = s.utf8.startIndex
            while start != s.utf8.endIndex {
                var end = s.utf8.index(start, offsetBy: pieceSize, limitedBy: s.utf8.endIndex) ?? s.utf8.endIndex
                while end != s.utf8.endIndex, s.utf8[end] & 0xC0 == 0x80 { end = s.utf8.index(before: end) }
                if end == start { end = s.unicodeScalars.index(after: start) }  // a piece smaller than one character
                try emit(escape(String(s[start..<end])))
                start = end
            }
            out += "\""
        case .object(let o):
            out += "{"
            for (i, field) in o.fields.enumerated() {
                if i > 0 { out += "," }
                writeString(field.0, into: &out)
                out += ":"
                try writePieces(field.1, pieceSize: pieceSize, out: &out, emit: emit)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                try writePieces(item, pieceSize: pieceSize, out: &out, emit: emit)
            }
            out += "]"
        default:
            write(value, .line, indent: 0, into: &out)
        }
        if out.utf8.count >= pieceSize {
            try emit(out)
            out = ""
        }
    }

    private static func write(_ value: Value, _ layout: Layout, indent: Int, into out: inout String) {
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .decimal(let d): out += "\(d)"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .number(let text): out += text
        case .object(let o):
            let fields = layout.sortedKeys
                ? o.fields.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } : o.fields
            writeContainer("{", "}", fields, layout, indent, into: &out) { field, out in
                writeString(field.0, into: &out)
                out += layout.pretty ? " : " : ":"
                write(field.1, layout, indent: indent + 1, into: &out)
            }
        case .array(let items):
            writeContainer("[", "]", items, layout, indent, into: &out) { item, out in
                write(item, layout, indent: indent + 1, into: &out)
            }
        }
    }

    /// Brackets around comma-separated elements; indented, an empty container is a blank line, as
    /// Foundation writes it.
    private static func writeContainer<Element>(
        _ open: String, _ close: String, _ elements: [Element], _ layout: Layout, _ indent: Int, into out: inout String,
        element: (Element, inout String) -> Void
    ) {
        out += open
        guard layout.pretty else {
            for (i, item) in elements.enumerated() {
                if i > 0 { out += "," }
                element(item, &out)
            }
            out += close
            return
        }
        let inner = String(repeating: "  ", count: indent + 1)
        out += "\n"
        for (i, item) in elements.enumerated() {
            if i > 0 { out += ",\n" }
            out += inner
            element(item, &out)
        }
        out += "\n" + String(repeating: "  ", count: indent) + close
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        out += escape(s)
        out += "\""
    }

    /// The text of a JSON string literal without its quotes: quotes and backslashes escaped, and every control
    /// a terminal could act on (C0, DEL, C1 and the bidirectional overrides and isolates, the set
    /// `ControlSanitizer` shows visibly) written as `\uXXXX`, so a line printed raw cannot drive a terminal.
    /// Text with nothing to escape, the usual case, comes back as it is after one pass over its bytes.
    public static func escape(_ s: String) -> String {
        if !needsEscape(s) { return s }
        var out = ""
        appendEscapes(s, to: &out)
        return out
    }

    /// Appends `escape(s)` to `out`.
    public static func appendEscaped(_ s: String, to out: inout String) {
        if needsEscape(s) { appendEscapes(s, to: &out) } else { out += s }
    }

    private static func appendEscapes(_ s: String, to out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where ControlSanitizer.isControl(scalar): appendUnicodeEscape(scalar.value, to: &out)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether `s` holds a quote, a backslash or a control; checked on the UTF-8 bytes, without decoding.
    private static func needsEscape(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
                if byte == 0xC2 || byte == 0xE2, ControlSanitizer.isWideControl(bytes, at: index) { return true }
            }
            return false
        }
    }

    /// `\u` and four lowercase hex digits.
    private static func appendUnicodeEscape(_ value: UInt32, to out: inout String) {
        let digits = Array("0123456789abcdef".unicodeScalars)
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            out.unicodeScalars.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
