/// Greedy word wrapping of one paragraph, fed a character at a time.
///
/// `TextWrap` wraps whole texts with it, and the transcript feeds it a streaming reply as it grows, so a
/// frame wraps only what arrived since the last one. Lines break at spaces when they can and inside a word
/// only when the word alone is wider than the line; a line already in `lines` never changes again.
public struct ParagraphWrapper: Sendable {
    public let width: Int
    /// The finished lines.
    public private(set) var lines: [String] = []
    private var line = ""
    private var lineWidth = 0
    private var token = ""
    private var tokenWidth = 0
    private var tokenIsSpace = false

    public init(width: Int) {
        self.width = max(1, width)
    }

    /// Adds one character of sanitized text (no newlines).
    public mutating func feed(_ character: Character) {
        let isSpace = character == " "
        if !token.isEmpty, isSpace != tokenIsSpace { place() }
        tokenIsSpace = isSpace
        token.append(character)
        tokenWidth += DisplayWidth.of(character)
    }

    /// Adds sanitized text (no newlines), as feeding it a character at a time would, but a run of printable
    /// ASCII goes in a word at a time: a long paragraph streamed in is wrapped at memory speed, not at the speed
    /// of grapheme breaking.
    public mutating func feed(_ text: Substring) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let run = Self.asciiRun(utf8, from: index)
            if run == index {
                let next = text.index(after: index)
                feed(text[index])
                index = next
                continue
            }
            var start = index
            while start < run {
                let isSpace = utf8[start] == UInt8(ascii: " ")
                var end = utf8.index(after: start)
                while end < run, (utf8[end] == UInt8(ascii: " ")) == isSpace { end = utf8.index(after: end) }
                if !token.isEmpty, isSpace != tokenIsSpace { place() }
                tokenIsSpace = isSpace
                token += text[start..<end]
                tokenWidth += utf8.distance(from: start, to: end)
                start = end
            }
            index = run
        }
    }

    /// The end of the printable ASCII run at `start`: each byte in it is one character of one column, since the
    /// byte after it is ASCII too (a combining mark after a letter would join it); `start` when there is none.
    private static func asciiRun(_ utf8: Substring.UTF8View, from start: Substring.UTF8View.Index) -> Substring.UTF8View.Index {
        var index = start
        while index < utf8.endIndex, (0x20...0x7E).contains(utf8[index]) {
            let next = utf8.index(after: index)
            if next < utf8.endIndex, utf8[next] >= 0x80 { return index }
            index = next
        }
        return index
    }

    /// The lines not yet finished, as they would end if the paragraph ended now.
    public var pendingLines: [String] {
        var rest = continuation
        rest.finish()
        return rest.lines
    }

    /// The wrapper without its finished lines: feeding it more does not copy them.
    public var continuation: ParagraphWrapper {
        var rest = self
        rest.lines = []
        return rest
    }

    /// Ends the paragraph: its last line joins `lines`.
    public mutating func finish() {
        if !token.isEmpty { place() }
        flushLine()
    }

    private mutating func flushLine() {
        while line.last == " " { line.removeLast() }
        lines.append(line)
        line = ""
        lineWidth = 0
    }

    private mutating func place() {
        defer {
            token = ""
            tokenWidth = 0
        }
        if lineWidth + tokenWidth <= width {
            line += token
            lineWidth += tokenWidth
            return
        }
        if tokenIsSpace {
            flushLine()
            return
        }
        if lineWidth > 0, tokenWidth <= width {
            flushLine()
            line = token
            lineWidth = tokenWidth
            return
        }
        for character in token {
            let w = DisplayWidth.of(character)
            if lineWidth + w > width, lineWidth > 0 { flushLine() }
            line.append(character)
            lineWidth += w
        }
    }
}
