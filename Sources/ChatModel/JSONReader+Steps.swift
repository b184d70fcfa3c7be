/// Reading a document step by step: the caller walks the objects and arrays it wants and skips the rest.
///
/// A decoder that needs three values of a streamed chunk can pull them without a tree of the whole chunk.
/// Every step runs the same checks as `parse` (one validation, one set of rules), so a document the
/// caller walks to its end with `finish()` returning true is one `parse` accepts, and any value read here
/// is the value `parse` would have built. After any failure every step returns false or nil.
extension JSONReader {
    /// What the next value is, from its first byte; `parse` decides whether it really is one.
    public enum Kind: Sendable, Equatable {
        case object, array, string, literal, number
    }

    /// A key as it was written: the bytes between its quotes, read in place. Plain ASCII without escapes (nearly
    /// every key) compares byte for byte; any other is decoded to compare. It holds no string of its own, so
    /// reading one costs no reference counting.
    public struct Key {
        @usableFromInline let written: UnsafeBufferPointer<UInt8>
        /// True when `written` has an escape or a byte outside ASCII, and must be decoded to compare.
        @usableFromInline let needsDecoding: Bool

        /// Whether the key is `name`, as `String`s compare: a plain key and an ASCII name byte for byte (the same
        /// answer for two ASCII strings), anything else as text.
        @inlinable
        public func `is`(_ name: StaticString) -> Bool {
            // A one-character literal may be stored as its scalar, without bytes to compare.
            guard !needsDecoding, name.hasPointerRepresentation, name.isASCII else { return text == name.description }
            guard written.count == name.utf8CodeUnitCount else { return false }
            for i in 0..<written.count where written[i] != name.utf8Start[i] { return false }
            return true
        }

        /// The key's text, escapes resolved.
        @usableFromInline var text: String {
            needsDecoding ? JSONReader.decodedKey(written) : String(decoding: written, as: UTF8.self)
        }
    }

    /// The text of a key whose bytes `written` (between its quotes, already checked by `nextKey`) need decoding.
    @usableFromInline static func decodedKey(_ written: UnsafeBufferPointer<UInt8>) -> String {
        guard let start = written.baseAddress else { return "" }
        var reader = JSONReader(bytes: UnsafeBufferPointer(start: start - 1, count: written.count + 2))
        return reader.string() ?? ""
    }

    /// A reader at the start of `buffer` (after a byte order mark), to be stepped through.
    public init(stepping buffer: UnsafeBufferPointer<UInt8>) {
        self.init(bytes: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
    }

    /// True once a step found the document invalid.
    public var hasFailed: Bool { failure != nil }

    /// The kind of the next value, after any space; `nil` at the end of the text or after a failure.
    public mutating func nextKind() -> Kind? {
        skipSpace()
        guard failure == nil, let byte = peek else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        default: return .number
        }
    }

    /// Steps into the object that comes next; false when the next value is not an object (nothing is read) or
    /// it is nested too deep. Read its members with `nextKey(_:)`.
    public mutating func enterObject() -> Bool {
        guard nextKind() == .object else { return false }
        return enter()
    }

    /// Steps into the array that comes next; false when the next value is not an array. Read its items with
    /// `nextItem(_:)`.
    public mutating func enterArray() -> Bool {
        guard nextKind() == .array else { return false }
        return enter()
    }

    /// The key of the next member of the object entered last, with its colon read, so that its value comes
    /// next and must be read or skipped; `nil` once the object has closed (or on a failure). `count` is
    /// the number of members read so far, starting at 0.
    public mutating func nextKey(_ count: inout Int) -> Key? {
        guard failure == nil, closes(UInt8(ascii: "}"), after: count) == false else { return nil }
        guard peek == UInt8(ascii: "\"") else { return fail("expected a key in quotes") }
        let start = index + 1
        let end = Self.plainEnd(in: bytes, from: start)
        let key: Key
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            key = Key(written: UnsafeBufferPointer(rebasing: bytes[start..<end]), needsDecoding: false)
        } else {
            guard string(building: false) != nil else { return nil }
            key = Key(written: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), needsDecoding: true)
        }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return fail("expected :") }
        count += 1
        return key
    }

    /// Where the plain ASCII run starting at `start` ends: at the first quote, backslash, control character or
    /// byte of a multi-byte character, or the end. Eight bytes at a time, as `string` reads. Static, so that a
    /// call does not copy the reader.
    @inline(__always)
    private static func plainEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        if let base = bytes.baseAddress {
            while end + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: end, as: UInt64.self))
                // `specialBytes` is exact up to its first hit, and high bits are exact: the lowest bit is the stop.
                let stops = Self.specialBytes(word) | (word & Self.highBits)
                guard stops == 0 else { return end + stops.trailingZeroBitCount / 8 }
                end += 8
            }
        }
        while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\""),
            bytes[end] != UInt8(ascii: "\\") {
            end += 1
        }
        return end
    }

    /// True when the array entered last has another item, which must then be read or skipped; false once it
    /// has closed (or on a failure). `count` is the number of items read so far, starting at 0.
    public mutating func nextItem(_ count: inout Int) -> Bool {
        guard failure == nil, closes(UInt8(ascii: "]"), after: count) == false else { return false }
        count += 1
        return true
    }

    /// Reads the next value whole, as `parse` builds it.
    public mutating func readValue() -> JSONValue? {
        guard failure == nil else { return nil }
        return value()
    }

    /// Reads the next value when it is a plain integer (digits only, no sign, fraction or exponent, at most 18
    /// digits, no leading zero), the common `"index": 0`, without building its text: the number `readValue()`
    /// would give. Anything else returns `nil` and leaves the reader where it was, for `readValue()` to read.
    public mutating func readPlainInteger() -> Int? {
        skipSpace()
        guard failure == nil else { return nil }
        var end = index
        var value = 0
        while end < bytes.count, end - index < 18, bytes[end] >= 0x30, bytes[end] <= 0x39 {
            value = value * 10 + Int(bytes[end] - 0x30)
            end += 1
        }
        guard end > index, end < bytes.count else { return nil }
        switch bytes[end] {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), 0x30...0x39: return nil
        default: break
        }
        if bytes[index] == 0x30, end - index > 1 { return nil }
        index = end
        return value
    }

    /// Reads the next value when it is a string: the text `readValue()` would give, without wrapping it in a
    /// `JSONValue`. `nil` when the next value is not a string (nothing is read) or the string is invalid (the
    /// reader has then failed: `hasFailed`).
    public mutating func readString() -> String? {
        skipSpace()
        guard failure == nil, peek == UInt8(ascii: "\"") else { return nil }
        return string()
    }

    /// Reads the next value when it is `null`; false, with nothing read, when it is anything else.
    public mutating func readNull() -> Bool {
        skipSpace()
        guard failure == nil, index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// Checks the next value without building it; false when it is invalid.
    public mutating func skip() -> Bool {
        guard failure == nil else { return false }
        return skipValue()
    }

    /// True when nothing but space follows and no step failed: the document was one valid value.
    public mutating func finish() -> Bool {
        skipSpace()
        return failure == nil && index == bytes.count
    }

    /// Reads what may end a container after `count` elements: true when `close` ended it (the bracket is read),
    /// false when another element follows (a separating comma is read), nil on a failure. A comma before
    /// the bracket is accepted, as `parse` accepts it.
    @inline(__always)
    private mutating func closes(_ close: UInt8, after count: Int) -> Bool? {
        skipSpace()
        if count > 0 {
            if take(UInt8(ascii: ",")) {
                skipSpace()
            } else if peek != close {
                return fail(close == UInt8(ascii: "}") ? "expected , or }" : "expected , or ]")
            }
        }
        guard peek == close else {
            if peek == nil { return fail("unexpected end") }
            return false
        }
        index += 1
        depth -= 1
        return true
    }
}
