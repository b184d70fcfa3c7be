/// Turns terminal control characters in untrusted text into visible symbols.
///
/// Model output and raw stream bytes may carry escape sequences; written through, they would recolour,
/// move the cursor or retitle the user's terminal. ESC becomes `␛`, other C0 controls their Control
/// Pictures (`␇`, `␈`, …), DEL `␡`, and C1 controls `⟨9B⟩`-style hex, so the sequence stays readable.
public enum ControlSanitizer {
    /// The text with every control made visible. Newlines are kept when `keepNewlines` is true, and tabs
    /// become spaces up to the next multiple of four columns of their line.
    public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
        guard needsWork(text) else { return text }
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
        case 0x80..<0xA0:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out.append(contentsOf: "⟨\(hex)⟩".unicodeScalars)
            column += 4
        default:
            out.append(scalar)
            column += 1
        }
    }

    /// Bytes shown as text: valid UTF-8 sanitized as above, newlines shown as `␊` so one record is one line.
    public static func preview(_ bytes: [UInt8]) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), keepNewlines: false)
    }

    private static func needsWork(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
    }
}
