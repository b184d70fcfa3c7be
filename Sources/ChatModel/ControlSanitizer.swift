/// Turns terminal control characters in untrusted text into visible symbols; the one implementation the
/// workbench, the command line and the Markdown export share.
///
/// Model output, tool arguments, error bodies and raw stream bytes may carry escape sequences; written through,
/// they would recolour, clear or retitle the user's terminal, move the cursor, or write the clipboard (OSC 52).
/// ESC becomes `␛`, other C0 controls their Control Pictures (`␇`, `␈`, …), DEL `␡`, C1 controls (U+0080–U+009F,
/// U+009B being the one-byte CSI) `⟨9B⟩`-style hex, and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069, which make text read in another order than it is stored) `⟨202E⟩`, so the sequence stays
/// readable and nothing acts on the terminal.
public enum ControlSanitizer {
    /// The text with every control made visible, for a grid of cells. Newlines are kept when `keepNewlines`
    /// is true (CRLF becomes a newline), and tabs become spaces up to the next multiple of four columns.
    public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
        guard needsWork(text, keepingNewlines: false) else { return text }
        var out = String.UnicodeScalarView()
        var column = 0
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n", keepNewlines {
                if previousWasCR { out.removeLast() }
                out.append(scalar)
                column = 0
            } else {
                append(scalar, column: &column, to: &out)
            }
        }
        return String(out)
    }

    /// The text with every control made visible, for a terminal that lays out its own lines: newlines and tabs
    /// are kept as they are (CRLF becomes a newline), everything else that could act on the terminal is shown.
    /// Standard error, and standard output when it is a terminal, are written through this.
    public static func printable(_ text: String) -> String {
        guard needsWork(text, keepingNewlines: true) else { return text }
        var out = String.UnicodeScalarView()
        var column = 0
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if previousWasCR { out.removeLast() }
                out.append(scalar)
            case "\t":
                out.append(scalar)
            default:
                append(scalar, column: &column, to: &out)
            }
        }
        return String(out)
    }

    /// Appends one scalar of a line made visible, `column` being the scalars written on the line so far.
    /// A newline here is shown as `␊`; `sanitize` keeps newlines itself.
    public static func append(_ scalar: Unicode.Scalar, column: inout Int, to out: inout String.UnicodeScalarView) {
        switch scalar.value {
        case 0x09:
            let spaces = 4 - column % 4
            out.append(contentsOf: repeatElement(" ", count: spaces))
            column += spaces
        case 0x00..<0x20:
            out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            column += 1
        case 0x7F:
            out.append("\u{2421}")
            column += 1
        case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out.append("⟨")
            out.append(contentsOf: hex.unicodeScalars)
            out.append("⟩")
            column += hex.count + 2
        default:
            out.append(scalar)
            column += 1
        }
    }

    /// Bytes shown as text: valid UTF-8 sanitized as above, newlines shown as `␊` so one record is one line.
    public static func preview(_ bytes: [UInt8]) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), keepNewlines: false)
    }

    /// Whether a scalar is one this type shows visibly: a C0 control, DEL, a C1 control or a bidirectional
    /// override or isolate. The JSON writer escapes the same set.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether UTF-8 `bytes` hold a C1 control or a bidirectional control starting at `index`, whose byte
    /// there is 0xC2 or 0xE2; lets byte scans find them without decoding (C1 is C2 80–9F, the overrides
    /// E2 80 AA–AE, the isolates E2 81 A6–A9).
    @inline(__always)
    public static func isWideControl(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        guard index + 1 < bytes.count else { return false }
        let second = bytes[index + 1]
        if lead == 0xC2 { return second >= 0x80 && second < 0xA0 }
        guard lead == 0xE2, index + 2 < bytes.count else { return false }
        let third = bytes[index + 2]
        return (second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9)
    }

    /// Whether the text has anything to make visible (with newlines and tabs allowed when `keepingNewlines`;
    /// a CR always counts, since CRLF is rewritten).
    private static func needsWork(_ text: String, keepingNewlines: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 {
                    if keepingNewlines, byte == 0x0A || byte == 0x09 { continue }
                    return true
                }
                if byte == 0x7F { return true }
                if byte == 0xC2 || byte == 0xE2, isWideControl(bytes, at: index) { return true }
            }
            return false
        }
    }
}

extension ControlSanitizer {
    /// Makes streamed text visible piece by piece, as `printable` would the whole: a CR at the end of one
    /// piece waits for the next, so a CRLF split across two pieces is still one newline.
    public struct Stream: Sendable {
        private var pendingCR = false

        public init() {}

        /// The piece made visible; a trailing CR is held back until the next piece or `finish`.
        public mutating func next(_ piece: String) -> String {
            var text = pendingCR ? "\r" + piece : piece
            pendingCR = text.unicodeScalars.last == "\r"
            if pendingCR { text.unicodeScalars.removeLast() }
            return ControlSanitizer.printable(text)
        }

        /// What is still held back (a lone CR, shown as `␍`), once the text has ended.
        public mutating func finish() -> String {
            defer { pendingCR = false }
            return pendingCR ? "\u{240D}" : ""
        }
    }
}
