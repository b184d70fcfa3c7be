import TerminalUI

/// Draws the composer: the message being typed, with the cursor when focused.
enum ComposerPane {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let focused = state.focus == .composer
        let title = state.activeRun == nil ? "Message" : "Message · reply streaming, Esc cancels"
        let inner = Box(title: title, focused: focused).draw(into: &grid, rect, theme: theme)
        guard !inner.isEmpty else { return }
        let prompt = grid.write("› ", x: inner.x, y: inner.y, style: theme.style(focused ? "title.focused" : "dim"))
        let placeholder = focused ? "Type a message, Enter sends" : "Tab to the composer to type"
        let cursor = TextInputView(field: state.composer.field, placeholder: placeholder)
            .draw(into: &grid, Rect(x: prompt, y: inner.y, width: inner.maxX - prompt, height: 1),
                  style: theme.style("input"), placeholderStyle: theme.style("dim"))
        if focused, !state.showHelp { grid.cursor = (cursor, inner.y) }
    }
}
