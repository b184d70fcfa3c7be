/// A bordered box with a title in its top edge.
///
/// Every pane is drawn inside one; the focused pane's border and title use the `.focused` roles so focus
/// is visible without colour too (the title is wrapped in `[ ]` when focused).
public struct Box: Sendable {
    public var title: String
    public var focused: Bool
    /// Text shown at the right of the top edge (counts, scroll position).
    public var badge: String

    public init(title: String, focused: Bool = false, badge: String = "") {
        self.title = title
        self.focused = focused
        self.badge = badge
    }

    /// Draws the box and returns the rectangle inside its border.
    @discardableResult
    public func draw(into grid: inout Grid, _ rect: Rect, theme: Theme) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = theme.style(focused ? "border.focused" : "border")
        let horizontal = String(repeating: focused ? "━" : "─", count: rect.width - 2)
        let vertical: Character = focused ? "┃" : "│"
        let corners: [String] = focused ? ["┏", "┓", "┗", "┛"] : ["┌", "┐", "└", "┘"]
        grid.write(corners[0] + horizontal + corners[1], x: rect.x, y: rect.y, style: border)
        grid.write(corners[2] + horizontal + corners[3], x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.write(String(vertical), x: rect.x, y: y, style: border)
            grid.write(String(vertical), x: rect.maxX - 1, y: y, style: border)
        }
        let inner = rect.inset(by: 1)
        grid.fill(inner, style: theme.style("background"))
        let room = rect.width - 4
        let badgeText = badge.isEmpty ? "" : " \(badge) "
        let badgeWidth = DisplayWidth.of(badgeText)
        let label = focused ? "[ \(title) ]" : " \(title) "
        let shown = TextWrap.truncate(label, width: max(0, room - badgeWidth))
        grid.write(shown, x: rect.x + 2, y: rect.y, maxX: rect.maxX - 1, style: theme.style(focused ? "title.focused" : "title"))
        if badgeWidth > 0, room - badgeWidth > DisplayWidth.of(shown) {
            grid.write(badgeText, x: rect.maxX - 2 - badgeWidth, y: rect.y, maxX: rect.maxX - 1, style: theme.style("dim"))
        }
        return inner
    }
}
