import TerminalUI

/// Styled text wrapped at word boundaries into lines, up to a limit.
struct SpanLines {
    let width: Int
    let limit: Int
    private var lines: [StyledLine] = []
    private var line = StyledLine()
    private var used = 0

    init(width: Int, limit: Int) {
        self.width = width
        self.limit = limit
    }

    var isFull: Bool { lines.count >= limit }

    /// Adds text in one style: words move to the next line when they do not fit, spaces at a wrap are dropped,
    /// and a word wider than the line is cut.
    mutating func add(_ text: String, style: Style) {
        var word = ""
        var wordIsSpace = false
        for character in text {
            if isFull { return }
            if character == "\n" {
                place(word, space: wordIsSpace, style: style)
                word = ""
                breakLine()
                continue
            }
            let isSpace = character == " " || character == "\t"
            if !word.isEmpty, isSpace != wordIsSpace {
                place(word, space: wordIsSpace, style: style)
                word = ""
            }
            wordIsSpace = isSpace
            word.append(isSpace ? " " : character)
        }
        place(word, space: wordIsSpace, style: style)
    }

    mutating func finish() -> [StyledLine] {
        if !line.spans.isEmpty, !isFull { lines.append(line) }
        return lines
    }

    private mutating func place(_ word: String, space: Bool, style: Style) {
        guard !word.isEmpty, !isFull else { return }
        var rest = word[...]
        let w = DisplayWidth.of(rest)
        if used + w > width, used > 0 {
            breakLine()
            if space { return }
        }
        while !rest.isEmpty, !isFull {
            var piece = ""
            var pieceWidth = 0
            while let character = rest.first, used + pieceWidth + DisplayWidth.of(character) <= width || (used == 0 && piece.isEmpty) {
                piece.append(character)
                pieceWidth += DisplayWidth.of(character)
                rest = rest.dropFirst()
            }
            append(piece, width: pieceWidth, style: style)
            if !rest.isEmpty { breakLine() }
        }
    }

    private mutating func append(_ text: String, width: Int, style: Style) {
        if let last = line.spans.indices.last, line.spans[last].style == style {
            line.spans[last].text += text
        } else {
            line.spans.append(Span(text, style))
        }
        used += width
    }

    private mutating func breakLine() {
        guard !isFull else { return }
        lines.append(line)
        line = StyledLine()
        used = 0
    }
}
