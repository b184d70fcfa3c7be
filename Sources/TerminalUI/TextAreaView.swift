/// Draws a `TextField` that may hold several lines over several rows: each line wrapped at the width, the rows
/// scrolled so the cursor stays in view.
///
/// One column is kept free at the right so the cursor after a full row still lands inside the area.
public struct TextAreaView: Sendable {
    public var field: TextField
    public var placeholder: String

    public init(field: TextField, placeholder: String = "") {
        self.field = field
        self.placeholder = placeholder
    }

    /// The rows the text takes in an area `width` cells wide, as ranges of character indices: each line
    /// (newlines excluded) cut into pieces that fit.
    public static func rows(of characters: [Character], width: Int) -> [Range<Int>] {
        let usable = max(1, width - 1)
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        for (index, character) in characters.enumerated() {
            if character == "\n" {
                rows.append(start..<index)
                start = index + 1
                used = 0
                continue
            }
            let width = DisplayWidth.of(visible(character))
            if used + width > usable, index > start {
                rows.append(start..<index)
                start = index
                used = 0
            }
            used += width
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The row the cursor is on: the last one starting at or before it.
    static func cursorRow(_ rows: [Range<Int>], cursor: Int) -> Int {
        rows.lastIndex { $0.lowerBound <= cursor } ?? 0
    }

    /// The rows hidden above and below when the text is shown in an area `width` × `height`.
    public func hiddenRows(width: Int, height: Int) -> (above: Int, below: Int) {
        let rows = Self.rows(of: field.characters, width: width)
        let first = Self.firstShownRow(rows, cursor: field.cursor, height: height)
        return (first, max(0, rows.count - first - height))
    }

    /// The first row shown: the last rows while they hold the cursor, else the cursor's row at the top.
    static func firstShownRow(_ rows: [Range<Int>], cursor: Int, height: Int) -> Int {
        min(max(0, rows.count - max(1, height)), cursorRow(rows, cursor: cursor))
    }

    /// Draws the text (or the placeholder when empty) and returns where the cursor belongs.
    @discardableResult
    public func draw(into grid: inout Grid, _ rect: Rect, style: Style, placeholderStyle: Style) -> (x: Int, y: Int) {
        guard !rect.isEmpty else { return (rect.x, rect.y) }
        grid.fill(rect, style: style)
        if field.isEmpty {
            grid.write(TextWrap.truncate(placeholder, width: rect.width), x: rect.x, y: rect.y, maxX: rect.maxX, style: placeholderStyle)
            return (rect.x, rect.y)
        }
        let rows = Self.rows(of: field.characters, width: rect.width)
        let cursorRow = Self.cursorRow(rows, cursor: field.cursor)
        let first = Self.firstShownRow(rows, cursor: field.cursor, height: rect.height)
        var cursor = (x: rect.x, y: rect.y)
        for (offset, row) in rows.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let text = field.characters[row].map(Self.visible).joined()
            grid.write(text, x: rect.x, y: y, maxX: rect.maxX, style: style)
            if first + offset == cursorRow {
                let before = field.characters[row.lowerBound..<field.cursor].map { DisplayWidth.of(Self.visible($0)) }
                cursor = (rect.x + before.reduce(0, +), y)
            }
        }
        return cursor
    }

    /// A character as it is shown: controls made visible, a tab as spaces.
    private static func visible(_ character: Character) -> String {
        ControlSanitizer.sanitize(String(character), keepNewlines: false)
    }
}
