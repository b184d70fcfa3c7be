/// Word wrapping by display width.
///
/// Lines break at spaces when they can and inside a word only when the word alone is wider than the line
/// (`ParagraphWrapper` does the breaking). Widths come from `DisplayWidth`, so CJK text and emoji wrap where the terminal would run out of columns.
public enum TextWrap {
    /// The text cut into lines no wider than `width`; every `\n` starts a new line. Text must be sanitized.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var wrapper = ParagraphWrapper(width: width)
            for character in paragraph { wrapper.feed(character) }
            wrapper.finish()
            lines += wrapper.lines
        }
        return lines
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
