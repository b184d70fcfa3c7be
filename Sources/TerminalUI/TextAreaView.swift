import ChatModel

/// Draws a `TextField` that may hold several lines over several rows: each line wrapped at the width, the rows
/// scrolled so the cursor stays in view.
///
/// One column is kept free at the right so the cursor after a full row still lands inside the area. The rows
/// are worked out once, when the view is made for a width.
public struct TextAreaView: Sendable {
    public var field: TextField
    public var placeholder: String
    /// The rows of the text at the width the view was made for, as ranges of character indices.
    public let rows: [Range<Int>]

    public init(field: TextField, placeholder: String = "", width: Int) {
        self.field = field
        self.placeholder = placeholder
        rows = Self.rows(of: field.characters, width: width)
    }

    /// The rows the text takes in an area `width` cells wide, as ranges of character indices: each line
    /// (newlines excluded) cut into pieces that fit. With a `limit`, counting stops after that many rows.
    public static func rows(of characters: [Character], width: Int, limit: Int = .max) -> [Range<Int>] {
        let usable = max(1, width - 1)
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        for (index, character) in characters.enumerated() {
            guard rows.count < limit else { return rows }
            if character == "\n" {
                rows.append(start..<index)
                start = index + 1
                used = 0
                continue
            }
            let width = cells(character)
            if used + width > usable, index > start {
                rows.append(start..<index)
                start = index
                used = 0
            }
            used += width
        }
        if rows.count < limit { rows.append(start..<characters.count) }
        return rows
    }

    /// The row the cursor is on: the last one starting at or before it.
    var cursorRow: Int { rows.lastIndex { $0.lowerBound <= field.cursor } ?? 0 }

    /// The first row shown in `height` rows: the last rows while they hold the cursor, else the cursor's row.
    func firstShownRow(height: Int) -> Int { min(max(0, rows.count - max(1, height)), cursorRow) }

    /// The rows out of sight above and below when `height` rows are shown.
    public func hiddenRows(height: Int) -> (above: Int, below: Int) {
        let first = firstShownRow(height: height)
        return (first, max(0, rows.count - first - height))
    }

    /// Draws the text (or the placeholder when empty) in `rect`, as wide as the view was made for, and returns
    /// where the cursor belongs.
    @discardableResult
    public func draw(into grid: inout Grid, _ rect: Rect, style: Style, placeholderStyle: Style) -> (x: Int, y: Int) {
        guard !rect.isEmpty else { return (rect.x, rect.y) }
        grid.fill(rect, style: style)
        if field.isEmpty {
            grid.write(TextWrap.truncate(placeholder, width: rect.width), x: rect.x, y: rect.y, maxX: rect.maxX, style: placeholderStyle)
            return (rect.x, rect.y)
        }
        let cursorRow = cursorRow
        let first = firstShownRow(height: rect.height)
        var cursor = (x: rect.x, y: rect.y)
        for (offset, row) in rows.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let text = field.characters[row].map(Self.visible).joined()
            grid.write(text, x: rect.x, y: y, maxX: rect.maxX, style: style)
            if first + offset == cursorRow {
                cursor = (rect.x + field.characters[row.lowerBound..<field.cursor].map(Self.cells).reduce(0, +), y)
            }
        }
        return cursor
    }

    /// The cells a character takes as shown; printable ASCII, the common case, without building its text.
    private static func cells(_ character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        return DisplayWidth.of(visible(character))
    }

    /// A character as it is shown: controls made visible, a tab as spaces.
    private static func visible(_ character: Character) -> String {
        ControlSanitizer.sanitize(String(character), keepNewlines: false)
    }
}
