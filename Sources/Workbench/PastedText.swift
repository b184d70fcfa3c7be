/// Pasted text made fit to insert: line ends become newlines, control characters are dropped.
///
/// A paste is text, never keys: terminals send its line ends as CR (some as CRLF), and it may carry escape
/// sequences or other controls copied from elsewhere. Those are dropped rather than shown as symbols, since
/// they would otherwise be sent to the server as part of the prompt.
enum PastedText {
    /// For the composer: CRLF and CR become a newline; newlines and tabs stay; other controls (C0, DEL, C1)
    /// are dropped.
    static func forComposer(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x09: out.append(scalar)
            case 0x00..<0x20, 0x7F..<0xA0: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// For a one-line field (the list filter): as for the composer, with each line break and tab a space.
    static func forLine(_ text: String) -> String {
        String(forComposer(text).map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }
}
