/// A row of numbered tabs with the active one highlighted.
public struct TabBar: Sendable {
    public var titles: [String]
    public var active: Int

    public init(titles: [String], active: Int) {
        self.titles = titles
        self.active = active
    }

    /// Draws `1 Steps  2 Citations …` on the rectangle's first row.
    public func draw(into grid: inout Grid, _ rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: theme.style("tab"))
        var x = rect.x
        for (i, title) in titles.enumerated() {
            let style = theme.style(i == active ? "tab.active" : "tab")
            x = grid.write(" \(i + 1) \(title) ", x: x, y: rect.y, maxX: rect.maxX, style: style)
            guard x < rect.maxX else { break }
        }
    }
}
