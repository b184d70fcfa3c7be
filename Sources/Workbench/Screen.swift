import ChatModel
import TerminalUI

/// Renders the whole workbench into a grid: panes, composer, status bar and, when open, the help overlay.
///
/// Pure: the same state and size give the same grid (the transcript's wrap cache only saves work). The
/// app diffs the grid against the previous one; snapshot tests compare its text with committed files.
public enum Screen {
    public static func render(_ state: AppState, size: Size, theme: Theme = .standard) -> Grid {
        var grid = Grid(size: size, style: theme.style("background"))
        guard size.columns >= 20, size.rows >= 8 else {
            grid.write(TextWrap.truncate("Parley needs at least 20×8.", width: size.columns), x: 0, y: 0, style: theme.style("error"))
            return grid
        }
        let layout = state.layout(for: size)
        if let rect = layout.paneTabs { PaneTabs.draw(state, in: rect, theme: theme, into: &grid) }
        if let rect = layout.conversations { ConversationListPane.draw(state, in: rect, theme: theme, into: &grid) }
        if let rect = layout.transcript { TranscriptPane.draw(state, in: rect, theme: theme, into: &grid) }
        if let rect = layout.inspector { InspectorPane.draw(state, in: rect, theme: theme, into: &grid) }
        if let rect = layout.composer { ComposerPane.draw(state, in: rect, theme: theme, into: &grid) }
        statusBar(state).draw(into: &grid, layout.status, theme: theme)
        if state.profilePicker != nil {
            grid.cursor = nil
            ProfileSwitcherOverlay.draw(state, size: size, theme: theme, into: &grid)
        }
        if state.compare.isOpen {
            grid.cursor = nil
            CompareOverlay.draw(state, size: size, theme: theme, into: &grid)
        }
        if state.showHelp {
            grid.cursor = nil
            HelpOverlay.draw(state, size: size, theme: theme, into: &grid)
        }
        return grid
    }

    /// The status bar: the notice or key hints on the left, the streaming state and endpoint on the right; a
    /// notice may quote a store error or a file name, so its controls are shown visibly like any other text.
    static func statusBar(_ state: AppState) -> StatusBar {
        var right = ControlSanitizer.sanitize(state.endpoint, keepNewlines: false)
        if let turn = state.activeRun { right = (turn.cancelling ? "cancelling · " : "streaming · ") + right }
        if let replay = state.replay { right = replay.statusText + " · " + right }
        if state.panes.zoomed { right = "zoom · " + right }
        if let problem = state.storeProblem {
            return StatusBar(
                hints: [StatusBar.Hint(key: "!", text: problem)] + Keymap.hints(in: state),
                right: right)
        }
        if let notice = state.notice {
            let shown = ControlSanitizer.sanitize(notice, keepNewlines: false)
            return StatusBar(hints: [StatusBar.Hint(key: "!", text: shown)] + Keymap.hints(in: state), right: right)
        }
        return StatusBar(hints: Keymap.hints(in: state), right: right)
    }
}
