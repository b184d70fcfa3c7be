/// Word wrapping by display width.
///
/// Lines break at spaces when they can and inside a word only when the word alone is wider than the line.
/// Widths come from `DisplayWidth`, so CJK text and emoji wrap where the terminal would run out of columns.
public enum TextWrap {
    /// The text cut into lines no wider than `width`; every `\n` starts a new line. Text must be sanitized.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(Substring(paragraph), width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var token = ""
        var tokenWidth = 0
        var tokenIsSpace = false

        func flushLine() {
            while line.last == " " { line.removeLast() }
            lines.append(line)
            line = ""
            lineWidth = 0
        }

        func place() {
            defer { token = ""; tokenWidth = 0 }
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

        for character in paragraph {
            let isSpace = character == " "
            if !token.isEmpty, isSpace != tokenIsSpace { place() }
            tokenIsSpace = isSpace
            token.append(character)
            tokenWidth += DisplayWidth.of(character)
        }
        if !token.isEmpty { place() }
        while line.last == " " { line.removeLast() }
        lines.append(line)
    }

    /// The longest prefix of `text` that fits in `width` columns, with `…` when something was cut.
    public static func truncate(_ text: some StringProtocol, width: Int) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return String(text) }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }
}
