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
