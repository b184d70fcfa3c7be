/// Line-wise editing for a field that holds several lines separated by `\n` (the composer).
///
/// In a one-line field these are the same as their whole-field counterparts, so the filter can use them too.
extension TextField {
    /// The index where the cursor's line starts, just after the newline before it.
    public var lineStart: Int {
        var index = cursor
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    /// The index where the cursor's line ends: its newline, or the end of the text.
    public var lineEnd: Int {
        var index = cursor
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    public mutating func moveLineStart() { cursor = lineStart }
    public mutating func moveLineEnd() { cursor = lineEnd }

    /// Moves to the line above, to the same character column or that line's end; stays on the first line.
    public mutating func moveUp() {
        let start = lineStart
        guard start > 0 else { return }
        let column = cursor - start
        cursor = start - 1
        cursor = min(lineStart + column, start - 1)
    }

    /// Moves to the line below, to the same character column or that line's end; stays on the last line.
    public mutating func moveDown() {
        let column = cursor - lineStart
        let end = lineEnd
        guard end < characters.count else { return }
        cursor = end + 1
        cursor = min(cursor + column, lineEnd)
    }

    /// Ctrl-U: deletes from the start of the cursor's line to the cursor.
    public mutating func deleteToLineStart() {
        let start = lineStart
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// How many lines the text has (one for an empty field).
    public var lineCount: Int { characters.reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
}
