import ChatModel
import Foundation
import TerminalUI

/// Draws the conversation list: rows grouped by profile with their time and status, or the search and its
/// matches; the rename field and the delete question take a line while they are open.
enum ConversationListPane {
    /// The pull spinner's frames.
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let focused = state.focus == .conversations
        let list = state.list
        let badge = list.results.map { "\($0.count)" } ?? "\(state.listCount)"
        let inner = Box(title: "Conversations", focused: focused, badge: badge).draw(into: &grid, rect, theme: theme)
        guard !inner.isEmpty else { return }
        let regions = Regions(state, inner: inner)
        if let pulling = list.pulling, let bottom = regions.pull {
            let text = spinner[list.spinner % spinner.count] + " pulling " + ControlSanitizer.sanitize(pulling, keepNewlines: false) + "…"
            grid.write(text, x: bottom.x, y: bottom.y, maxX: bottom.maxX, style: theme.style("hint"))
        }
        if let rename = list.renaming, let top = regions.rename {
            let x = grid.write("Title: ", x: top.x, y: top.y, maxX: top.maxX, style: theme.style("label"))
            let cursor = TextInputView(field: rename.field).draw(
                into: &grid, Rect(x: x, y: top.y, width: max(0, top.maxX - x), height: 1), style: theme.style("input"),
                placeholderStyle: theme.style("dim"))
            grid.cursor = (cursor, top.y)
        }
        if let question = list.confirmingDelete, let bottom = regions.question {
            let title = TextWrap.truncate(
                ControlSanitizer.sanitize(question.title, keepNewlines: false), width: max(1, bottom.width - 10))
            let lines = ["Delete “\(title)”?", "y deletes, n keeps"]
            for (row, line) in lines.suffix(bottom.height).enumerated() {
                grid.write(line, x: bottom.x, y: bottom.y + row, maxX: bottom.maxX, style: theme.style("error"))
            }
        }
        if let top = regions.search {
            let x = grid.write("/", x: top.x, y: top.y, style: theme.style("hint"))
            let cursor = TextInputView(field: list.filter, placeholder: "search titles and messages")
                .draw(into: &grid, Rect(x: x, y: top.y, width: top.maxX - x, height: 1),
                      style: theme.style("input"), placeholderStyle: theme.style("dim"))
            if list.isFiltering, focused, list.renaming == nil { grid.cursor = (cursor, top.y) }
            SearchResultsView.draw(state, in: regions.body, focused: focused, theme: theme, into: &grid)
            return
        }
        drawRows(state, in: regions.body, focused: focused, theme: theme, into: &grid)
    }

    /// The parts of the pane inside its border, as drawn: the pull spinner's line at the bottom, the rename
    /// field at the top, the delete question at the bottom, the search field, and the rows (or matches).
    struct Regions {
        var pull: Rect?
        var rename: Rect?
        var question: Rect?
        var search: Rect?
        var body: Rect

        init(_ state: AppState, inner: Rect) {
            var rest = inner
            if state.list.pulling != nil {
                let (above, bottom) = rest.splitBottom(1)
                pull = bottom
                rest = above
            }
            if state.list.renaming != nil {
                let (top, below) = rest.splitTop(1)
                rename = top
                rest = below
            }
            if state.list.confirmingDelete != nil {
                let (above, bottom) = rest.splitBottom(min(2, rest.height))
                question = bottom
                rest = above
            }
            if state.list.isFiltering || state.list.results != nil {
                let (top, below) = rest.splitTop(1)
                search = top
                rest = below
            }
            body = rest
        }
    }

    /// The lines a body `height` rows high shows: headings and rows, from the first that keeps the selection in view.
    static func visibleLines(_ state: AppState, session: [Int], height: Int) -> [ListLines.Line] {
        let offset = ListOffset.keepVisible(state, session: session, height: height)
        return ListLines.lines(state, session: session, from: offset, height: height)
    }

    private static func drawRows(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, into grid: inout Grid) {
        let session = state.sessionRows
        guard state.listCount > 0 else {
            grid.write("No conversations.", x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        for (y, line) in visibleLines(state, session: session, height: rect.height).enumerated() {
            let row = Rect(x: rect.x, y: rect.y + y, width: rect.width, height: 1)
            switch line {
            case .heading(let group):
                grid.write(heading(group), x: row.x, y: row.y, maxX: row.maxX, style: theme.style("label").adding(.bold))
            case .row(let index):
                let item = self.line(state.listRow(index, session: session), state: state, width: row.width - 1, theme: theme)
                ListView(count: 1, selected: index == state.list.selected ? 0 : nil, focused: focused)
                    .draw(into: &grid, row, offset: 0, theme: theme) { _ in item }
            }
        }
    }

    static func heading(_ group: ListLines.Group?) -> String {
        switch group {
        case .session: return "This session"
        case .profile(let name?): return ControlSanitizer.sanitize(name, keepNewlines: false)
        case .profile(nil): return "No profile"
        case nil: return "…"
        }
    }

    /// A row: its status or pin mark, its title, and when it was last updated.
    private static func line(_ row: ListRow, state: AppState, width: Int, theme: Theme) -> StyledLine {
        let conversation: Conversation
        var status: Message.Status?
        switch row {
        case .session(let index):
            conversation = state.conversations[index].conversation
            status = state.conversations[index].messages.last?.status
        case .stored(_, let summary?):
            conversation = summary.conversation
            status = summary.status
            if let open = state.conversations.first(where: { $0.conversation.id == conversation.id && $0.isLoaded }) {
                status = open.messages.last?.status
            }
        case .stored(_, nil):
            return StyledLine(" …", theme.style("dim"))
        }
        let (mark, markStyle) = self.mark(status, pinned: conversation.pinned, theme: theme)
        let time = row.isStored && width >= 16 ? " " + date(conversation.updatedAt, wide: width >= 26) : ""
        let titleWidth = max(1, width - 1 - DisplayWidth.of(time))
        let title = TextWrap.truncate(ControlSanitizer.sanitize(conversation.title, keepNewlines: false), width: titleWidth)
        let padding = String(repeating: " ", count: max(0, titleWidth - DisplayWidth.of(title)))
        return StyledLine([Span(mark, markStyle), Span(title + padding, theme.style("text")), Span(time, theme.style("dim"))])
    }

    /// The mark before a title: how the newest reply ended when that is worth seeing, else a pin.
    static func mark(_ status: Message.Status?, pinned: Bool, theme: Theme) -> (String, Style) {
        switch status {
        case .streaming: return ("●", theme.style("assistant"))
        case .failed: return ("✗", theme.style("error"))
        case .interrupted: return ("!", theme.style("warning"))
        case .cancelled: return ("×", theme.style("warning"))
        case .complete, nil: return pinned ? ("★", theme.style("label")) : (" ", theme.style("text"))
        }
    }

    /// `11-29` or, with room, `11-29 14:05`, in the local time zone.
    static func date(_ date: Date, wide: Bool) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: date)
        let day = String(format: "%02d-%02d", parts.month ?? 0, parts.day ?? 0)
        return wide ? day + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0) : day
    }
}

extension ListRow {
    var isStored: Bool {
        if case .stored = self { return true }
        return false
    }
}
