import TerminalUI

/// Draws the composer: the message being typed, one row per wrapped line up to the layout's height (then it
/// scrolls with the cursor, and the border says how many rows are out of sight), with the cursor when focused.
enum ComposerPane {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let focused = state.focus == .composer
        let title = state.activeRun == nil ? "Message" : "Message · reply streaming, Esc cancels"
        let placeholder = focused ? "Type a message, Enter sends" : "Tab to the composer to type"
        let area = TextAreaView(field: state.composer.field, placeholder: placeholder, width: rect.width - 4)
        let hidden = area.hiddenRows(height: rect.height - 2)
        let inner = Box(title: title, focused: focused, badge: badge(hidden)).draw(into: &grid, rect, theme: theme)
        guard !inner.isEmpty else { return }
        let prompt = grid.write("› ", x: inner.x, y: inner.y, style: theme.style(focused ? "title.focused" : "dim"))
        let cursor = area.draw(into: &grid, Rect(x: prompt, y: inner.y, width: inner.maxX - prompt, height: inner.height),
                               style: theme.style("input"), placeholderStyle: theme.style("dim"))
        if focused, !state.showHelp { grid.cursor = cursor }
    }

    /// `↑ 3 more · ↓ 1 more` when rows of the message are out of sight, else nothing.
    private static func badge(_ hidden: (above: Int, below: Int)) -> String {
        var parts: [String] = []
        if hidden.above > 0 { parts.append("↑ \(hidden.above) more") }
        if hidden.below > 0 { parts.append("↓ \(hidden.below) more") }
        return parts.joined(separator: " · ")
    }
}
