import ChatModel
import TerminalUI

/// Draws the conversation list: titles, a streaming mark, and the filter line while filtering.
enum ConversationListPane {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let visible = state.visibleConversations
        let focused = state.focus == .conversations
        let badge = state.list.filter.isEmpty ? "\(state.conversations.count)" : "\(visible.count)/\(state.conversations.count)"
        var inner = Box(title: "Conversations", focused: focused, badge: badge).draw(into: &grid, rect, theme: theme)
        guard !inner.isEmpty else { return }
        if state.list.isFiltering || !state.list.filter.isEmpty {
            let (top, rest) = inner.splitTop(1)
            let x = grid.write("/", x: top.x, y: top.y, style: theme.style("hint"))
            let cursor = TextInputView(field: state.list.filter, placeholder: "filter")
                .draw(into: &grid, Rect(x: x, y: top.y, width: top.maxX - x, height: 1),
                      style: theme.style("input"), placeholderStyle: theme.style("dim"))
            if state.list.isFiltering, focused { grid.cursor = (cursor, top.y) }
            inner = rest
        }
        let selected = visible.firstIndex(of: state.currentIndex)
        let offset = ListView.offset(selected: selected, count: visible.count, height: inner.height)
        ListView(count: visible.count, selected: selected, focused: focused)
            .draw(into: &grid, inner, offset: offset, theme: theme) { row in
                let entry = state.conversations[visible[row]]
                let mark = entry.isStreaming ? "●" : " "
                let title = ControlSanitizer.sanitize(entry.conversation.title, keepNewlines: false)
                return StyledLine([Span(mark, theme.style("assistant")),
                                   Span(TextWrap.truncate(title, width: max(1, inner.width - 2)), theme.style("text"))])
            }
        if visible.isEmpty {
            grid.write("No match.", x: inner.x, y: inner.y, maxX: inner.maxX, style: theme.style("dim"))
        }
    }
}
