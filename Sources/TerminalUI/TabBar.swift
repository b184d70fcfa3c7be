/// A row of numbered tabs with the active one highlighted.
public struct TabBar: Sendable {
    public var titles: [String]
    public var active: Int
    /// False for tabs chosen by other keys than digits (the narrow screen's pane tabs): no `1 ` before titles.
    public var numbered: Bool

    public init(titles: [String], active: Int, numbered: Bool = true) {
        self.titles = titles
        self.active = active
        self.numbered = numbered
    }

    /// Draws `1 Steps 2 Citations …` on the rectangle's first row, abbreviating titles when they do not fit:
    /// first the inactive ones, then all.
    public func draw(into grid: inout Grid, _ rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: theme.style("tab"))
        for (i, place) in places(width: rect.width).enumerated() {
            let style = theme.style(i == active ? "tab.active" : "tab")
            grid.write(place.label, x: rect.x + place.x, y: rect.y, maxX: rect.maxX, style: style)
        }
    }

    /// The tab under column `x` of a bar `width` columns wide (counted from the bar's left edge), as drawn;
    /// `nil` between tabs and past the last.
    public func tab(at x: Int, width: Int) -> Int? {
        places(width: width).firstIndex { x >= $0.x && x < $0.x + DisplayWidth.of($0.label) }
    }

    /// Each tab's text and where it starts; tabs that do not fit are left out.
    func places(width: Int) -> [(label: String, x: Int)] {
        let fits: ([String]) -> Bool = { $0.reduce(titles.count + 1, { $0 + DisplayWidth.of($1) }) <= width }
        let prefix: (Int) -> String = { numbered ? "\($0 + 1) " : "" }
        var labels = titles.enumerated().map { prefix($0.offset) + $0.element }
        if !fits(labels) {
            labels = titles.enumerated().map { prefix($0.offset) + ($0.offset == active ? $0.element[...] : $0.element.prefix(3)) }
        }
        if !fits(labels) {
            labels = titles.enumerated().map { prefix($0.offset) + $0.element.prefix(3) }
        }
        var x = 0
        var places: [(label: String, x: Int)] = []
        for (i, label) in labels.enumerated() {
            let shown = i == active ? " \(label) " : label
            places.append((shown, x))
            x += DisplayWidth.of(shown)
            if i + 1 != active, i != active { x += 1 }
            guard x < width else { break }
        }
        return places
    }
}
