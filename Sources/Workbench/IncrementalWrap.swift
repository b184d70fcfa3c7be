import TerminalUI

/// Wrapped lines of a growing text, re-wrapping only its last paragraph when text is appended.
///
/// A streaming reply grows at the end; everything before its last newline is wrapped once and kept, so a
/// frame costs the last paragraph, not the whole reply.
struct IncrementalWrap: Sendable {
    private(set) var source = ""
    private(set) var width = 0
    private(set) var lines: [String] = []
    private var stableSource = ""
    private var stableLines: [String] = []

    /// Brings the lines up to date with `text` at `width`; returns the number of characters wrapped.
    @discardableResult
    mutating func update(_ text: String, width: Int) -> Int {
        if text == source, width == self.width { return 0 }
        if width != self.width || !text.utf8.starts(with: stableSource.utf8) {
            stableSource = ""
            stableLines = []
        }
        self.width = width
        source = text
        let rest = text.utf8.dropFirst(stableSource.utf8.count)
        guard let lastNewline = rest.lastIndex(of: UInt8(ascii: "\n")) else {
            let restText = String(Substring(rest))
            lines = stableLines + TextWrap.wrap(ControlSanitizer.sanitize(restText), width: width)
            return restText.count
        }
        let complete = String(Substring(text.utf8[rest.startIndex..<lastNewline]))
        stableLines += TextWrap.wrap(ControlSanitizer.sanitize(complete), width: width)
        stableSource = String(Substring(text.utf8[..<text.utf8.index(after: lastNewline)]))
        let tail = String(Substring(text.utf8[text.utf8.index(after: lastNewline)...]))
        lines = stableLines + TextWrap.wrap(ControlSanitizer.sanitize(tail), width: width)
        return complete.count + tail.count
    }
}
