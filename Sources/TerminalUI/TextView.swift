/// A scrolled window onto already wrapped lines.
///
/// The caller wraps (and caches) its lines; the view only draws the rows that show and a scroll marker.
public struct TextView: Sendable {
    public init() {}

    /// Draws `lines` starting at row `offset` and returns how many rows were drawn.
    @discardableResult
    public func draw(into grid: inout Grid, _ rect: Rect, lines: ArraySlice<StyledLine>) -> Int {
        var row = 0
        for line in lines {
            guard row < rect.height else { break }
            line.draw(into: &grid, x: rect.x, y: rect.y + row, maxX: rect.maxX)
            row += 1
        }
        return row
    }
}
