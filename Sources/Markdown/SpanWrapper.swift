import TerminalUI

/// Greedy word wrapping of styled spans: lines break at spaces, and inside a word only when it is wider than
/// the line. Spaces at a break are dropped; the text must already be sanitized (no controls, no newlines).
enum SpanWrapper {
    static func wrap(_ spans: [MarkdownSpan], width: Int) -> [MarkdownLine] {
        var wrapper = Wrapper(width: max(1, width))
        for span in spans {
            let text = span.text[...]
            let utf8 = text.utf8
            var index = text.startIndex
            while index < text.endIndex {
                let run = asciiRun(utf8, from: index)
                guard run > index else {
                    // Outside printable ASCII a character may be several scalars and columns: one at a time.
                    let next = text.index(after: index)
                    let character = text[index]
                    if character == " " {
                        wrapper.space(text[index..<next], role: span.role)
                    } else {
                        wrapper.word(text[index..<next], width: DisplayWidth.of(character), role: span.role)
                    }
                    index = next
                    continue
                }
                // Printable ASCII: one column a byte, words and spaces taken whole.
                while index < run {
                    let isSpace = utf8[index] == UInt8(ascii: " ")
                    var end = utf8.index(after: index)
                    while end < run, (utf8[end] == UInt8(ascii: " ")) == isSpace { end = utf8.index(after: end) }
                    if isSpace {
                        wrapper.space(text[index..<end], role: span.role)
                    } else {
                        wrapper.word(text[index..<end], width: utf8.distance(from: index, to: end), role: span.role)
                    }
                    index = end
                }
            }
        }
        return wrapper.finish()
    }

    /// The end of the printable ASCII run at `start`, each byte one character of one column: the byte after
    /// the run is ASCII too (a combining mark after a letter would join it); `start` when there is none.
    private static func asciiRun(_ utf8: Substring.UTF8View, from start: String.Index) -> String.Index {
        var index = start
        while index < utf8.endIndex, (0x20...0x7E).contains(utf8[index]) {
            let next = utf8.index(after: index)
            if next < utf8.endIndex, utf8[next] >= 0x80 { return index }
            index = next
        }
        return index
    }

    /// Greedy wrapping state: the lines so far, the line being filled, and the word and spaces waiting to be
    /// placed, kept as pieces of the spans' text with their roles.
    private struct Wrapper {
        let width: Int
        var lines: [MarkdownLine] = []
        var line = MarkdownLine()
        var lineWidth = 0
        var word: [(Substring, String)] = []
        var wordWidth = 0
        var spaces: [(Substring, String)] = []
        var spaceCount = 0

        init(width: Int) { self.width = width }

        mutating func space(_ text: Substring, role: String) {
            if !word.isEmpty { placeWord() }
            spaces.append((text, role))
            spaceCount += text.utf8.count
        }

        mutating func word(_ text: Substring, width: Int, role: String) {
            word.append((text, role))
            wordWidth += width
        }

        mutating func finish() -> [MarkdownLine] {
            placeWord()
            if lineWidth == 0, spaceCount > 0, lines.isEmpty {
                var left = width
                for (text, role) in spaces where left > 0 {
                    let taken = text.prefix(left)
                    line.append(String(taken), role: role)
                    left -= taken.count
                }
            }
            flush()
            return lines
        }

        private mutating func flush() {
            while let last = line.spans.last, last.text.last == " " {
                line.spans[line.spans.count - 1].text.removeLast()
                if line.spans[line.spans.count - 1].text.isEmpty { line.spans.removeLast() }
            }
            lines.append(line)
            line = MarkdownLine()
            lineWidth = 0
        }

        private mutating func placeWord() {
            guard !word.isEmpty else { return }
            if lineWidth > 0, lineWidth + spaceCount + wordWidth > width {
                flush()
            } else {
                for (text, role) in spaces { line.append(String(text), role: role) }
                lineWidth += spaceCount
            }
            if lineWidth == 0, wordWidth > width {
                for (text, role) in word {
                    for character in text {
                        let w = DisplayWidth.of(character)
                        if lineWidth + w > width, lineWidth > 0 { flush() }
                        line.append(String(character), role: role)
                        lineWidth += w
                    }
                }
            } else {
                for (text, role) in word { line.append(String(text), role: role) }
                lineWidth += wordWidth
            }
            word = []
            wordWidth = 0
            spaces = []
            spaceCount = 0
        }
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
