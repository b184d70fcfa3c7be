/// A frame of cells, the pure output of rendering.
///
/// Widgets write into a grid; the curses renderer diffs two grids and sends only the changed cells; the
/// snapshot tests read a grid back as text.
public struct Grid: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown, or `nil` to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0 % max(1, size.columns), $0 / max(1, size.columns)) } }
        set { cursorPosition = newValue.map { $0.y * size.columns + $0.x } }
    }
    private var cursorPosition: Int?

    public init(size: Size, style: Style = .plain) {
        self.size = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: .blank(style), count: self.size.columns * self.size.rows)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { cells[y * size.columns + x] = newValue }
    }

    /// Fills a rectangle (clipped to the grid) with one character in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        let cell = Cell(String(character), style: style)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = cell }
        }
    }

    /// Writes text on one row from `x`, never past `maxX` (or the grid's edge), and returns the column after
    /// the last cell written. The text must already be free of controls (see `ControlSanitizer`); a wide
    /// cluster that does not fit is replaced by a space.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, maxX: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < size.rows else { return x }
        let limit = min(maxX ?? size.columns, size.columns)
        var column = x
        for character in text {
            guard column < limit else { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                if column > x, column - 1 >= 0, !self[column - 1, y].isContinuation {
                    self[column - 1, y].text.append(character)
                }
                continue
            }
            if column < 0 { column += width; continue }
            if width == 2 {
                guard column + 1 < limit else {
                    self[column, y] = .blank(style)
                    column += 1
                    break
                }
                self[column, y] = Cell(String(character), style: style)
                self[column + 1, y] = .continuation(style)
            } else {
                self[column, y] = Cell(String(character), style: style)
            }
            column += width
        }
        return column
    }

    /// Changes the style of every cell in a rectangle, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y].style = transform(self[x, y].style) }
        }
    }

    /// The rectangle's part inside the grid.
    public func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(size.columns, rect.maxX), y1 = min(size.rows, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// One row as text, continuation cells skipped, so its display width is the grid's width.
    public func line(_ y: Int) -> String {
        var out = ""
        for x in 0..<size.columns where !self[x, y].isContinuation { out += self[x, y].text }
        return out
    }

    /// Every row as text with trailing spaces removed, the form snapshot files hold.
    public var text: String {
        (0..<size.rows).map { String(line($0).reversed().drop(while: { $0 == " " }).reversed()) }
            .joined(separator: "\n")
    }

    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }
}
