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

    /// A key as it was written: its bytes when they needed no decoding (plain ASCII without escapes), else
    /// its decoded text.
    public struct Key {
        @usableFromInline let plain: UnsafeBufferPointer<UInt8>
        @usableFromInline let decoded: String?

        /// Whether the key is `name`, as `String`s compare: a plain key and an ASCII name byte for byte (the same
        /// answer for two ASCII strings), anything else as text.
        @inlinable
        public func `is`(_ name: StaticString) -> Bool {
            if let decoded { return decoded == name.description }
            // A one-character literal may be stored as its scalar, without bytes to compare.
            guard name.hasPointerRepresentation, name.isASCII else {
                return String(decoding: plain, as: UTF8.self) == name.description
            }
            guard plain.count == name.utf8CodeUnitCount else { return false }
            for i in 0..<plain.count where plain[i] != name.utf8Start[i] { return false }
            return true
        }
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
            key = Key(plain: UnsafeBufferPointer(rebasing: bytes[start..<end]), decoded: nil)
        } else {
            guard let decoded = string(building: false) else { return nil }
            key = Key(plain: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), decoded: decoded)
        }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return fail("expected :") }
        count += 1
        return key
    }

    /// Where the plain ASCII run starting at `start` ends: at the first quote, backslash, control character or
    /// byte of a multi-byte character, or the end. Eight bytes at a time, as `string` reads. Static, so that a
    /// call does not copy the reader.
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
