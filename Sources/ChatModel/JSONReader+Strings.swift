/// String literals: the part of reading JSON where most of the bytes are.
///
/// Plain characters are checked eight bytes at a time and decoded in place; only a string with escapes is
/// rebuilt byte by byte.
extension JSONReader {
    /// A string literal, starting at its opening quote. The common case has no escapes and is decoded in
    /// place; a string with escapes is rebuilt in `unescaped`. Without `building`, a plain ASCII string is
    /// only checked and reads as "" (others are still decoded, to check them).
    mutating func string(building: Bool = true) -> String? {
        index += 1
        let start = index
        var high: UInt8 = 0
        if let base = bytes.baseAddress {
            // Eight bytes at a time up to the first quote, backslash or control character, which the byte
            // loop below then handles; a short key usually ends within its first word.
            var highs: UInt64 = 0
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let special = Self.specialBytes(word)
                guard special != 0 else {
                    highs |= word
                    index += 8
                    continue
                }
                let plain = special.trailingZeroBitCount / 8
                highs |= word & ((1 << (UInt64(plain) * 8)) &- 1)
                index += plain
                break
            }
            if highs & Self.highBits != 0 { high = 0x80 }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if high < 0x80 { return building ? String(decoding: text, as: UTF8.self) : "" }
                return validated(text)
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

    /// The string if `text` is valid UTF-8; otherwise a failure.
    private mutating func validated(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let string = String(validating: text, as: UTF8.self) else { return fail("invalid UTF-8 in a string") }
        return string
    }

    static let lowBits: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` (read little-endian) that is `"`, `\\` or below 0x20, exact up to
    /// and including the first such byte: the zero-byte test applied three times, whose false hits can only
    /// follow a true one.
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let quote = word ^ (lowBits &* 0x22)
        let backslash = word ^ (lowBits &* 0x5C)
        let hits = ((quote &- lowBits) & ~quote) | ((backslash &- lowBits) & ~backslash) | ((word &- lowBits &* 0x20) & ~word)
        return hits & highBits
    }
}
