import TerminalUI

/// Greedy word wrapping of styled spans: lines break at spaces, and inside a word only when it is wider than
/// the line. Spaces at a break are dropped; the text must already be sanitized (no controls, no newlines).
enum SpanWrapper {
    static func wrap(_ spans: [MarkdownSpan], width: Int) -> [MarkdownLine] {
        let width = max(1, width)
        var lines: [MarkdownLine] = []
        var line = MarkdownLine()
        var lineWidth = 0
        var word: [(Character, String)] = []
        var wordWidth = 0
        var spaces: [(Character, String)] = []

        func flush() {
            while let last = line.spans.last, last.text.last == " " {
                line.spans[line.spans.count - 1].text.removeLast()
                if line.spans[line.spans.count - 1].text.isEmpty { line.spans.removeLast() }
            }
            lines.append(line)
            line = MarkdownLine()
            lineWidth = 0
        }
        func placeWord() {
            guard !word.isEmpty else { return }
            let spaceWidth = spaces.count
            if lineWidth > 0, lineWidth + spaceWidth + wordWidth > width {
                flush()
            } else {
                for (character, role) in spaces { line.append(String(character), role: role) }
                lineWidth += spaceWidth
            }
            if lineWidth == 0, wordWidth > width {
                for (character, role) in word {
                    let w = DisplayWidth.of(character)
                    if lineWidth + w > width, lineWidth > 0 { flush() }
                    line.append(String(character), role: role)
                    lineWidth += w
                }
            } else {
                for (character, role) in word { line.append(String(character), role: role) }
                lineWidth += wordWidth
            }
            word = []
            wordWidth = 0
            spaces = []
        }

        for span in spans {
            for character in span.text {
                if character == " " {
                    if !word.isEmpty { placeWord() }
                    spaces.append((character, span.role))
                } else {
                    word.append((character, span.role))
                    wordWidth += DisplayWidth.of(character)
                }
            }
        }
        placeWord()
        if lineWidth == 0, !spaces.isEmpty, lines.isEmpty {
            for (character, role) in spaces.prefix(width) { line.append(String(character), role: role) }
        }
        flush()
        return lines
    }

    /// Cuts a line into pieces of at most `width` columns without looking for spaces (code keeps its layout).
    static func cut(_ text: String, role: String, width: Int) -> [MarkdownLine] {
        let width = max(1, width)
        var lines: [MarkdownLine] = []
        var current = ""
        var currentWidth = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if currentWidth + w > width, currentWidth > 0 {
                lines.append(MarkdownLine(current, role: role))
                current = ""
                currentWidth = 0
            }
            current.append(character)
            currentWidth += w
        }
        lines.append(MarkdownLine(current, role: role))
        return lines
    }
}
