/// A run of text in one style.
public struct Span: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the span takes.
    public var width: Int { DisplayWidth.of(text) }
}

/// One display line made of styled spans.
public struct StyledLine: Sendable, Equatable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }

    public init(_ text: String, _ style: Style = .plain) { spans = [Span(text, style)] }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// Draws the line on row `y` from `x`, clipped at `maxX`; returns the column after the last cell.
    @discardableResult
    public func draw(into grid: inout Grid, x: Int, y: Int, maxX: Int) -> Int {
        var column = x
        for span in spans where column < maxX {
            column = grid.write(span.text, x: column, y: y, maxX: maxX, style: span.style)
        }
        return column
    }

    /// Text in one style wrapped to `width` columns; the text must already be sanitized.
    public static func wrap(_ text: String, style: Style, width: Int) -> [StyledLine] {
        TextWrap.wrap(text, width: width).map { StyledLine($0, style) }
    }
}
