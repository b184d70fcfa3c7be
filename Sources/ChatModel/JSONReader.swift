/// Reads JSON text into a `JSONValue` in one pass over its UTF-8 bytes.
///
/// It is the project's one JSON reader: adapters run it on every streamed event, so it works on a byte
/// buffer, builds each string once and gives each object or array one exact-sized allocation. It accepts
/// what Foundation's `JSONSerialization` accepts on Linux (RFC 8259, plus a leading BOM and trailing
/// commas) and rejects the rest: invalid UTF-8, unpaired surrogates, control characters in strings,
/// numbers such as `01`, `1.` or `1e400`, and nesting deeper than `maximumDepth`. Errors give the byte
/// offset so a broken scenario file is easy to fix.
public struct JSONReader: ~Copyable {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Arrays and objects nested deeper than this are rejected (as `JSONSerialization` does).
    public static let maximumDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    var failure: Failure?
    /// Members and items of the open containers; each container moves its own out once it closes.
    private var members = JSONStack<(key: String, value: JSONValue)>(capacity: 32)
    private var items = JSONStack<JSONValue>(capacity: 16)
    /// The bytes of a string that has escapes.
    var unescaped: [UInt8] = []

    /// Parses bytes that must be exactly one JSON value.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws -> JSONValue where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0).get() }
    }

    /// Parses text that must be exactly one JSON value.
    public static func parse<Text: StringProtocol>(_ text: Text) throws -> JSONValue {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return try result.get() }
        return try parse(Array(text.utf8))
    }

    /// Parses the bytes in a buffer; the core the other entry points share. With `keys`, a top-level object
    /// keeps only the members named there: the others are checked exactly as usual (invalid JSON anywhere
    /// still fails) but their strings and numbers are never built, which is most of the cost of a streamed
    /// chunk whose reader needs two of its seven members.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>, keeping keys: [String]? = nil) -> Result<JSONValue, Failure> {
        var reader = JSONReader(bytes: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.index = 3 }
        reader.skipSpace()
        let parsed = keys != nil && reader.peek == UInt8(ascii: "{") ? reader.object(keeping: keys ?? []) : reader.value()
        guard let value = parsed else { return .failure(reader.failure ?? reader.failed("invalid value")) }
        reader.skipSpace()
        guard reader.index == buffer.count else { return .failure(reader.failed("unexpected text after the value")) }
        return .success(value)
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func value() -> JSONValue? {
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

    /// An object keeping only the members named in `keys`; the others are checked but not built. Only the
    /// top level filters (nested objects are read by `object()`, whose frame, repeated once per level of
    /// nesting, stays small).
    private mutating func object(keeping keys: [String]) -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        let mark = members.count
        while true {
            skipSpace()
            if peek == UInt8(ascii: "}") { break }
            guard peek == UInt8(ascii: "\"") else { return fail("expected a key in quotes") }
            guard let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return fail("expected :") }
            if keys.contains(key) {
                guard let member = value() else { return nil }
                members.push((key, member))
            } else {
                guard skipValue() else { return nil }
            }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard peek == UInt8(ascii: "}") else { return fail("expected , or }") }
            break
        }
        index += 1
        return .object(members.pop(from: mark))
    }

    /// Checks a value as `value()` does without keeping it: strings and numbers are not built. Never inlined,
    /// so the frames of deeply nested objects stay as small as they were.
    @inline(never)
    mutating func skipValue() -> Bool {
        skipSpace()
        switch peek {
        case UInt8(ascii: "\"")?: return string(building: false) != nil
        case UInt8(ascii: "{")?, UInt8(ascii: "[")?, UInt8(ascii: "t")?, UInt8(ascii: "f")?, UInt8(ascii: "n")?:
            return value() != nil
        case nil: return failing("unexpected end")
        default: return number(building: false) != nil
        }
    }

    /// An object. `object()`, `array()` and `value()` call each other once per level of nesting, so their
    /// frames stay small: the reading of keys and separators is in functions of its own (a debug build gives
    /// every temporary of a function a slot of its own in its frame; 768 bytes a level instead of 2 KB).
    private mutating func object() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        let mark = members.count
        while let key = memberKey() {
            guard let member = value() else { return nil }
            members.push((key, member))
            guard let more = separator(closing: UInt8(ascii: "}")) else { return nil }
            if !more { break }
        }
        guard failure == nil else { return nil }
        index += 1
        return .object(members.pop(from: mark))
    }

    private mutating func array() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        let mark = items.count
        while !closes(UInt8(ascii: "]")) {
            guard let item = value() else { return nil }
            items.push(item)
            guard let more = separator(closing: UInt8(ascii: "]")) else { return nil }
            if !more { break }
        }
        index += 1
        return .array(items.pop(from: mark))
    }

    /// The key of an object's next member and its colon; nil at the closing brace (with no failure set) or when
    /// the bytes are not a key and a colon (with the failure set).
    private mutating func memberKey() -> String? {
        skipSpace()
        if peek == UInt8(ascii: "}") { return nil }
        guard peek == UInt8(ascii: "\"") else { return fail("expected a key in quotes") }
        guard let key = string() else { return nil }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return fail("expected :") }
        return key
    }

    /// True when the next byte after spaces is `closing` (not taken).
    private mutating func closes(_ closing: UInt8) -> Bool {
        skipSpace()
        return peek == closing
    }

    /// After a member or item: true after a comma, false at `closing` (not taken), nil with the failure set.
    private mutating func separator(closing: UInt8) -> Bool? {
        skipSpace()
        if take(UInt8(ascii: ",")) { return true }
        guard peek == closing else { return fail(closing == UInt8(ascii: "}") ? "expected , or }" : "expected , or ]") }
        return false
    }

    /// Steps past an opening bracket, one level deeper; false (with a failure) when too deep.
    @inline(__always)
    mutating func enter() -> Bool {
        guard depth < Self.maximumDepth else {
            return failing("nested more than \(Self.maximumDepth) levels deep")
        }
        depth += 1
        index += 1
        return true
    }

    /// A number per RFC 8259 (`-`, integer without leading zeros, optional fraction and exponent).
    private mutating func number(building: Bool = true) -> JSONValue? {
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
        let long = exponent || index - start > 300
        guard building || long else { return .null }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if long, Double(text)?.isFinite != true {
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

    var peek: UInt8? {
        @inline(__always) get { index < bytes.count ? bytes[index] : nil }
    }

    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipDigits() {
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    @inline(__always)
    mutating func skipSpace() {
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
    mutating func fail<T>(_ reason: String) -> T? {
        if failure == nil { failure = failed(reason) }
        return nil
    }

    /// Records the first failure and returns false.
    mutating func failing(_ reason: String) -> Bool {
        if failure == nil { failure = failed(reason) }
        return false
    }
}
