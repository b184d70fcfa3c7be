/// A row of numbered tabs with the active one highlighted.
public struct TabBar: Sendable {
    public var titles: [String]
    public var active: Int

    public init(titles: [String], active: Int) {
        self.titles = titles
        self.active = active
    }

    /// Draws `1 Steps 2 Citations …` on the rectangle's first row, abbreviating titles when they do not fit:
    /// first the inactive ones, then all.
    public func draw(into grid: inout Grid, _ rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: theme.style("tab"))
        let fits: ([String]) -> Bool = { $0.reduce(titles.count + 1, { $0 + DisplayWidth.of($1) }) <= rect.width }
        var labels = titles.enumerated().map { "\($0.offset + 1) \($0.element)" }
        if !fits(labels) {
            labels = titles.enumerated().map { "\($0.offset + 1) \($0.offset == active ? $0.element[...] : $0.element.prefix(3))" }
        }
        if !fits(labels) {
            labels = titles.enumerated().map { "\($0.offset + 1) \($0.element.prefix(3))" }
        }
        var x = rect.x
        for (i, label) in labels.enumerated() {
            let style = theme.style(i == active ? "tab.active" : "tab")
            x = grid.write(i == active ? " \(label) " : label, x: x, y: rect.y, maxX: rect.maxX, style: style)
            if i + 1 != active, i != active { x += 1 }
            guard x < rect.maxX else { break }
        }
    }
}
