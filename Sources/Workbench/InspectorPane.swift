import TerminalUI

/// Draws the inspector: the tab bar and the active tab for the inspected reply (the selected one, or the
/// newest).
enum InspectorPane {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let log = state.inspectedLog
        let position = state.transcript.selection != nil ? state.inspectedReplyLabel : nil
        let marked = state.compare.marked != nil && state.compare.marked?.messageID == state.inspectedReply?.id ? "marked" : nil
        let badge = [marked, position, log.map { "\($0.recordCount) " + (position == nil ? "records" : "rec.") }].compactMap { $0 }
            .joined(separator: " · ")
        let inner = Box(title: "Inspector", focused: state.focus == .inspector, badge: badge)
            .draw(into: &grid, rect, theme: theme).insetHorizontally(by: 1)
        guard inner.height > 1 else { return }
        let (bar, body) = inner.splitTop(2)
        TabBar(titles: state.inspectorTabTitles, active: state.inspector.tab.rawValue)
            .draw(into: &grid, bar, theme: theme)
        let lines: [StyledLine]
        switch state.inspector.tab {
        case .raw:
            RawTab.draw(state, in: body, theme: theme, into: &grid)
            return
        case .steps:
            StepsTab.draw(state, in: body, theme: theme, into: &grid)
            return
        case .lint:
            LintTab.draw(state, in: body, theme: theme, into: &grid)
            return
        case .request:
            lines = RequestTab.lines(state, width: body.width, theme: theme, limit: state.inspector.scroll + body.height)
        case .citations:
            lines = CitationsTab.lines(state, width: body.width, theme: theme, limit: state.inspector.scroll + body.height)
        case .usage: lines = UsageTab.lines(state, width: body.width, theme: theme)
        }
        let start = min(state.inspector.scroll, max(0, lines.count - body.height))
        TextView().draw(into: &grid, body, lines: lines[start...])
    }
}
