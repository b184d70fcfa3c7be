import ChatModel

/// The editable text of a single-line input, with a cursor counted in grapheme clusters.
///
/// Editing works on whole clusters, so backspace removes an emoji or an accented letter at once and the
/// cursor can never land inside a UTF-8 sequence.
public struct TextField: Sendable, Equatable {
    public internal(set) var characters: [Character]
    /// Cursor position: the index of the cluster it stands before.
    public internal(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ text: String) {
        let new = Array(text)
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Ctrl-U: deletes everything before the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-W: deletes the word before the cursor and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Empties the field.
    public mutating func clear() {
        characters = []
        cursor = 0
    }
}

/// Draws a `TextField` on one row, scrolled sideways so the cursor stays visible.
public struct TextInputView: Sendable {
    public var field: TextField
    public var placeholder: String

    public init(field: TextField, placeholder: String = "") {
        self.field = field
        self.placeholder = placeholder
    }

    /// Draws the field and returns the column where the cursor belongs.
    @discardableResult
    public func draw(into grid: inout Grid, _ rect: Rect, style: Style, placeholderStyle: Style) -> Int {
        guard !rect.isEmpty else { return rect.x }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        if field.isEmpty {
            grid.write(TextWrap.truncate(placeholder, width: rect.width), x: rect.x, y: rect.y, maxX: rect.maxX, style: placeholderStyle)
            return rect.x
        }
        let visible = field.characters.map { ControlSanitizer.sanitize(String($0), keepNewlines: false) }
        let widths = visible.map { DisplayWidth.of($0) }
        var start = 0
        var before = widths[0..<field.cursor].reduce(0, +)
        while before > rect.width - 1, start < field.cursor {
            before -= widths[start]
            start += 1
        }
        grid.write(visible[start...].joined(), x: rect.x, y: rect.y, maxX: rect.maxX, style: style)
        return rect.x + before
    }
}
