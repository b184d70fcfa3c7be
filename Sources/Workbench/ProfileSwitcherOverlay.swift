import ChatModel
import TerminalUI

/// Draws the profile switcher: every profile with its kind and endpoint, the active one marked.
enum ProfileSwitcherOverlay {
    static func draw(_ state: AppState, size: Size, theme: Theme, into grid: inout Grid) {
        guard let selected = state.profilePicker else { return }
        let width = min(size.columns - 4, 100)
        let height = min(size.rows - 2, state.profileChoices.count + 2)
        guard width > 20, height > 2 else { return }
        let rect = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.style("overlay"))
        let inner = Box(title: "Profiles", focused: true, badge: "Enter switches · Esc closes").draw(into: &grid, rect, theme: theme)
        let nameWidth = min(max(state.profileChoices.map { $0.name.count }.max() ?? 0, 4) + 1, inner.width / 3)
        let kindWidth = min(max(state.profileChoices.map { $0.kind.count }.max() ?? 0, 4) + 1, inner.width / 4)
        let first = max(0, selected - inner.height + 1)
        let lines = state.profileChoices.enumerated().dropFirst(first).prefix(inner.height).map { index, choice in
            let mark = choice.name == state.profile ? "● " : "  "
            let style = theme.style(index == selected ? "selection" : "hint")
            let text = mark + TextWrap.truncate(choice.name, width: nameWidth - 1).padding(toWidth: nameWidth)
                + TextWrap.truncate(choice.kind, width: kindWidth - 1).padding(toWidth: kindWidth)
                + ControlSanitizer.sanitize(choice.endpoint, keepNewlines: false)
            return StyledLine([Span(TextWrap.truncate(text, width: inner.width).padding(toWidth: inner.width), style)])
        }
        _ = TextView().draw(into: &grid, inner, lines: lines[...])
    }
}
