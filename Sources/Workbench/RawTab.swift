import ChatModel
import TerminalUI

/// The Raw tab: one line per raw record, and the selected record in full when expanded.
///
/// Only the visible rows are formatted, so a reply of thousands of records draws as fast as a short one.
enum RawTab {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard let log = state.inspectedLog, log.recordCount > 0 else {
            let text = state.current.latestReply == nil ? "No reply yet." : "No raw records for this reply."
            grid.write(text, x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let count = log.recordCount
        let selected = state.selectedRecordIndex
        var listRect = rect
        if state.inspector.rawExpanded, let selected {
            let listHeight = min(max(3, rect.height / 3), rect.height)
            let (top, rest) = rect.splitTop(listHeight)
            listRect = top
            if let record = state.inspectedRecord(at: selected) {
                drawDetail(record, number: selected, of: count, in: rest, theme: theme, into: &grid)
            }
        }
        let offset = ListView.offset(selected: selected, count: count, height: listRect.height)
        ListView(count: count, selected: selected, focused: state.focus == .inspector)
            .draw(into: &grid, listRect, offset: offset, theme: theme) { index in
                state.inspectedRecord(at: index).map { line($0, theme: theme) }
                    ?? StyledLine("#\(index + 1) reading from the store…", theme.style("dim"))
            }
    }

    /// One record as `+0.123s @0 [kind] [event name] 145B preview…`; the kind is left out for plain events.
    static func line(_ record: RawRecord, theme: Theme) -> StyledLine {
        var parts = [Format.offset(record.receivedAt), "@\(record.offset)"]
        if record.kind != .event { parts.append(record.kind.rawValue) }
        if let name = record.eventName, name != "message" { parts.append(ControlSanitizer.sanitize(name, keepNewlines: false)) }
        parts.append("\(record.bytes.count)B")
        let head = parts.joined(separator: " ") + " "
        let preview = String(ControlSanitizer.preview(record.bytes).prefix(200))
        let role = record.events.contains(where: { if case .failed = $0 { return true } else { return false } })
            ? "error" : (record.kind == .keepAlive ? "dim" : "value")
        return StyledLine([Span(head, theme.style("label")), Span(preview, theme.style(role))])
    }

    private static func drawDetail(
        _ record: RawRecord, number: Int, of count: Int, in rect: Rect, theme: Theme, into grid: inout Grid
    ) {
        guard rect.height > 1 else { return }
        var lines: [StyledLine] = []
        let title = "─ record \(number + 1)/\(count) · \(record.kind.rawValue) · \(record.bytes.count) bytes · Enter closes "
        lines.append(StyledLine(TextWrap.truncate(title, width: rect.width), theme.style("border.focused")))
        lines.append(StyledLine("bytes:", theme.style("label")))
        for raw in record.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(record.text.hasSuffix("\n") ? 1 : 0) {
            let visible = ControlSanitizer.sanitize(String(raw), keepNewlines: false) + "␊"
            lines += StyledLine.wrap(visible, style: theme.style("value"), width: rect.width)
        }
        lines.append(StyledLine("events:", theme.style("label")))
        if record.events.isEmpty { lines.append(StyledLine("(none)", theme.style("dim"))) }
        for event in record.events {
            lines += StyledLine.wrap(ControlSanitizer.sanitize(event.jsonLine.text, keepNewlines: false),
                                     style: theme.style("step"), width: rect.width)
        }
        TextView().draw(into: &grid, rect, lines: lines[...])
    }
}
