import TerminalUI

/// The narrow screen's tab bar: the panes by name, the one shown highlighted; Tab, Shift-Tab or a click
/// switches.
enum PaneTabs {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let panes = ScreenLayout.tabbedPanes(state.panes)
        let shown = ScreenLayout.shownPane(focus: state.focus, panes: state.panes)
        TabBar(titles: panes.map(\.title), active: panes.firstIndex(of: shown) ?? 0, numbered: false)
            .draw(into: &grid, rect, theme: theme)
    }
}
