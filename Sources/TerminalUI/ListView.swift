/// A selectable, scrolling list of one-line items.
///
/// Only the visible window is drawn, so a list of thousands of raw records costs as much as a short one.
public struct ListView: Sendable {
    public var count: Int
    public var selected: Int?
    public var focused: Bool

    public init(count: Int, selected: Int?, focused: Bool) {
        self.count = count
        self.selected = selected
        self.focused = focused
    }

    /// The first visible row that keeps `selected` in view, given the previous first row.
    public static func offset(selected: Int?, count: Int, height: Int, previous: Int = 0) -> Int {
        guard height > 0, count > height else { return 0 }
        var offset = min(max(0, previous), count - height)
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + height { offset = selected - height + 1 }
        }
        return offset
    }

    /// Draws rows `offset…` with `line(index)` giving each item after a one-column gutter; the selected row
    /// is highlighted and marked `▸` in the gutter, so the selection shows without colour too.
    public func draw(
        into grid: inout Grid, _ rect: Rect, offset: Int, theme: Theme, line: (Int) -> StyledLine
    ) {
        guard !rect.isEmpty else { return }
        let selection = theme.style(focused ? "selection" : "selection.unfocused")
        for row in 0..<rect.height {
            let index = offset + row
            guard index < count else { break }
            let y = rect.y + row
            if index == selected {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: selection)
                var item = line(index)
                for i in item.spans.indices { item.spans[i].style = selection.merging(item.spans[i].style) }
                grid.write("▸", x: rect.x, y: y, style: selection)
                item.draw(into: &grid, x: rect.x + 1, y: y, maxX: rect.maxX)
            } else {
                line(index).draw(into: &grid, x: rect.x + 1, y: y, maxX: rect.maxX)
            }
        }
    }
}

extension Style {
    /// The selection colours with the item's own attributes kept, so dimmed or error items stay marked.
    func merging(_ item: Style) -> Style {
        Style(foreground: foreground, background: background, attributes: attributes.union(item.attributes))
    }
}
