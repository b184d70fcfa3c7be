/// Reads JSON text into a `JSONValue` in one pass over its UTF-8 bytes.
///
/// It is the project's one JSON reader: adapters run it on every streamed event, so it works on a byte
/// buffer, builds each string once and gives each object or array one exact-sized allocation. It accepts
/// what Foundation's `JSONSerialization` accepts on Linux (RFC 8259, plus a leading BOM and trailing
/// commas) and rejects the rest: invalid UTF-8, unpaired surrogates, control characters in strings,
/// numbers such as `01`, `1.` or `1e400`, and nesting deeper than `maximumDepth`. Errors give the byte
/// offset so a broken scenario file is easy to fix.
public struct JSONReader {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Arrays and objects nested deeper than this are rejected (as `JSONSerialization` does).
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private var failure: Failure?
    /// Members and items of the open containers; each container copies its own out once it closes.
    private var members: [(key: String, value: JSONValue)] = []
    private var items: [JSONValue] = []
    /// The bytes of a string that has escapes.
    private var unescaped: [UInt8] = []

    /// Parses bytes that must be exactly one JSON value.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse(buffer: $0).get() }
    }

    /// Parses text that must be exactly one JSON value.
    public static func parse<Text: StringProtocol>(_ text: Text) throws -> JSONValue {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return try result.get() }
        return try parse(Array(text.utf8))
    }

    /// Parses the bytes in a buffer; the core the other entry points share.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, Failure> {
        var reader = JSONReader(bytes: buffer)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        guard let value = reader.value() else { return .failure(reader.failure ?? reader.failed("invalid value")) }
        reader.skipSpace()
        guard reader.index == buffer.count else { return .failure(reader.failed("unexpected text after the value")) }
        return .success(value)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return fail("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        let mark = members.count
        defer { members.removeSubrange(mark...) }
        while true {
            skipSpace()
            if peek == UInt8(ascii: "}") { break }
            guard peek == UInt8(ascii: "\"") else { return fail("expected a key in quotes") }
            guard let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return fail("expected :") }
            guard let member = value() else { return nil }
            members.append((key, member))
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard peek == UInt8(ascii: "}") else { return fail("expected , or }") }
            break
        }
        index += 1
        return .object(Array(members[mark...]))
    }

    private mutating func array() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        let mark = items.count
        defer { items.removeSubrange(mark...) }
        while true {
            skipSpace()
            if peek == UInt8(ascii: "]") { break }
            guard let item = value() else { return nil }
            items.append(item)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard peek == UInt8(ascii: "]") else { return fail("expected , or ]") }
            break
        }
        index += 1
        return .array(Array(items[mark...]))
    }

    /// Steps past an opening bracket, one level deeper; false (with a failure) when too deep.
    private mutating func enter() -> Bool {
        guard depth < Self.maximumDepth else {
            return failing("nested more than \(Self.maximumDepth) levels deep")
        }
        depth += 1
        index += 1
        return true
    }

    /// A string literal, starting at its opening quote. The common case has no escapes and is decoded in
    /// place; a string with escapes is rebuilt in `unescaped`.
    private mutating func string() -> String? {
        index += 1
        let start = index
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return high < 0x80 ? String(decoding: text, as: UTF8.self) : validated(text)
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return fail("control character inside a string") }
            high |= byte
            index += 1
        }
        return fail("unterminated string")
    }

    private mutating func escapedString(from start: Int) -> String? {
        unescaped.removeAll(keepingCapacity: true)
        var run = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                index += 1
                if byte == UInt8(ascii: "\"") { return unescaped.withUnsafeBufferPointer { validated($0) } }
                guard unescape() else { return nil }
                run = index
            } else if byte < 0x20 {
                return fail("control character inside a string")
            } else {
                index += 1
            }
        }
        return fail("unterminated string")
    }

    /// Appends the character of the escape after a backslash to `unescaped`.
    private mutating func unescape() -> Bool {
        guard index < bytes.count else { return failing("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(byte)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return false }
            var scalar = unit
            if (0xDC00..<0xE000).contains(unit) { return failing("a low surrogate without a high one") }
            if (0xD800..<0xDC00).contains(unit) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low)
                else { return failing("a high surrogate without a low one") }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { return failing("invalid \\u escape") }
            unescaped.append(contentsOf: character.utf8)
        default:
            return failing("unknown escape")
        }
        return true
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return fail("bad \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return fail("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    /// A number per RFC 8259 (`-`, integer without leading zeros, optional fraction and exponent).
    private mutating func number() -> JSONValue? {
        let start = index
        _ = take(UInt8(ascii: "-"))
        guard let first = peek, Self.isDigit(first) else { return fail("expected a value") }
        if take(UInt8(ascii: "0")) {
            if let next = peek, Self.isDigit(next) { return fail("a number with a leading zero") }
        } else {
            skipDigits()
        }
        if take(UInt8(ascii: ".")) {
            guard let next = peek, Self.isDigit(next) else { return fail("expected a digit after the point") }
            skipDigits()
        }
        var exponent = false
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            exponent = true
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard let next = peek, Self.isDigit(next) else { return fail("expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if exponent || index - start > 300, Double(text)?.isFinite != true {
            return fail("a number too large for a Double")
        }
        return .number(text)
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return fail("expected \(word)") }
        for i in 0..<length where bytes[index + i] != word.utf8Start[i] { return fail("expected \(word)") }
        index += length
        return value
    }

    /// The string if `text` is valid UTF-8; otherwise a failure.
    private mutating func validated(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let string = String(validating: text, as: UTF8.self) else { return fail("invalid UTF-8 in a string") }
        return string
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipDigits() {
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func failed(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    /// Records the first failure and returns nil, so every level just passes the nil up.
    private mutating func fail<T>(_ reason: String) -> T? {
        if failure == nil { failure = failed(reason) }
        return nil
    }

    /// Records the first failure and returns false.
    private mutating func failing(_ reason: String) -> Bool {
        if failure == nil { failure = failed(reason) }
        return false
    }
}
