import ChatModel
import TerminalUI

/// The Raw tab: one row per raw record (time, offset, size, type and what it carried), a `/` filter, and the
/// selected record whole when expanded: its exact bytes, its JSON pretty-printed and the events it produced.
///
/// Only the visible rows are formatted, and of each only the prefix a row shows is sanitized, so a reply of
/// thousands of records, or a record of a 100 KB tool observation, draws as fast as a short one.
enum RawTab {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard let log = state.inspectedLog, log.recordCount > 0 else {
            let text = state.inspectedReply == nil ? "No reply yet." : "No raw records for this reply."
            grid.write(text, x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let filter = state.inspector.rawFilter
        let regions = Regions(state, in: rect)
        if let top = regions.stepLine, let step = state.selectedStepID {
            let name = state.inspectedReply?.steps.first { $0.id == step }.map { ControlSanitizer.sanitize($0.displayName, keepNewlines: false) } ?? step
            StyledLine([Span("◆ ", theme.style("step").adding(.bold)), Span("records of step " + name, theme.style("dim"))])
                .draw(into: &grid, x: top.x, y: top.y, maxX: top.maxX)
        }
        if let top = regions.markLine, let label = textMarkLabel(state) {
            StyledLine([Span("▌ ", theme.style("assistant")), Span(label, theme.style("dim"))])
                .draw(into: &grid, x: top.x, y: top.y, maxX: top.maxX)
        }
        if let top = regions.filterLine {
            drawFilterLine(state, count: log.recordCount, in: top, theme: theme, into: &grid)
        }
        let count = regions.count
        let selected = state.selectedRecordIndex
        let selectedRow = regions.selectedRow
        let listRect = regions.list
        if let rest = regions.detail, let selected, let record = state.inspectedRecord(at: selected) {
            let lines = detail(record, number: selected, of: log.recordCount, width: rest.width, theme: theme,
                               limit: state.inspector.scroll + rest.height)
            let start = min(state.inspector.scroll, max(0, lines.count - rest.height))
            TextView().draw(into: &grid, rest, lines: lines[start...])
        }
        guard count > 0 else {
            grid.write("No record matches.", x: listRect.x + 1, y: listRect.y, maxX: listRect.maxX, style: theme.style("dim"))
            return
        }
        let offset = regions.offset
        let step = state.selectedStepID
        let marksText = regions.markLine != nil
        ListView(count: count, selected: selectedRow, focused: state.focus == .inspector)
            .draw(into: &grid, listRect, offset: offset, theme: theme) { row in
                let index = filter.isActive ? filter.matches[row] : row
                guard let record = state.inspectedRecord(at: index) else {
                    return StyledLine("#\(index + 1) reading from the store…", theme.style("dim"))
                }
                var shown = line(record, theme: theme, aligned: listRect.width >= 60)
                if let step {
                    let mark = RecordSummary.carries(record, step: step) ? "◆ " : "  "
                    shown.spans.insert(Span(mark, theme.style("step").adding(.bold)), at: 0)
                } else if marksText {
                    shown.spans.insert(Span(RecordSummary.carriesText(record) ? "▌ " : "  ", theme.style("assistant")), at: 0)
                }
                return shown
            }
    }

    /// The parts of the tab, as drawn: the line naming the selected step's records (or, while a message is
    /// chosen, the line explaining the `▌` marks of the records that carried its text), the filter line, the
    /// record rows, and the open record's detail below them.
    struct Regions {
        var stepLine: Rect?
        var markLine: Rect?
        var filterLine: Rect?
        var list: Rect
        var detail: Rect?
        /// How many rows the list has (the matches while filtering), the row of the selection, and the first row shown.
        var count: Int
        var selectedRow: Int?
        var offset: Int

        init(_ state: AppState, in rect: Rect) {
            let filter = state.inspector.rawFilter
            let filtering = filter.isActive || state.inspector.isFilteringRaw
            var body = rect
            if state.selectedStepID != nil, !filtering, rect.height > 2 {
                let (top, rest) = rect.splitTop(1)
                stepLine = top
                body = rest
            } else if RawTab.textMarkLabel(state) != nil, !filtering, rect.height > 2 {
                let (top, rest) = rect.splitTop(1)
                markLine = top
                body = rest
            }
            if filtering, rect.height > 1 {
                let (top, rest) = rect.splitTop(1)
                filterLine = top
                body = rest
            }
            count = filter.isActive ? filter.matches.count : (state.inspectedLog?.recordCount ?? 0)
            let selected = state.selectedRecordIndex
            selectedRow = filter.isActive ? selected.flatMap { filter.position(of: $0) } : selected
            list = body
            if state.inspector.rawExpanded, selected != nil {
                let listHeight = min(max(3, body.height / 3), body.height)
                let (top, rest) = body.splitTop(listHeight)
                list = top
                detail = rest
            }
            offset = ListView.offset(selected: selectedRow, count: count, height: list.height,
                                     previous: state.inspector.rawAnchor?.previous(for: selectedRow) ?? 0)
        }

        /// The record drawn on row `y` of the screen, if the list shows one there.
        func record(atY y: Int, _ state: AppState) -> Int? {
            let row = offset + y - list.y
            guard y >= list.y, y < list.maxY, row < count else { return nil }
            return state.inspector.rawFilter.isActive ? state.inspector.rawFilter.matches[row] : row
        }
    }

    /// What the `▌` marks say while a message is chosen with `[`/`]`: the records that carried the text of the
    /// reply the transcript shows; `nil` while the newest reply is followed.
    static func textMarkLabel(_ state: AppState) -> String? {
        guard state.transcript.selection != nil, let reply = state.inspectedReplyLabel else { return nil }
        return "carried the text of " + reply
    }

    private static func drawFilterLine(_ state: AppState, count: Int, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let filter = state.inspector.rawFilter
        let text = ControlSanitizer.sanitize(filter.text, keepNewlines: false)
        let cursor = state.inspector.isFilteringRaw ? "▏" : ""
        let found = filter.isActive ? "  \(filter.matches.count) of \(count)" : "  type or text"
        let line = StyledLine([Span("/ ", theme.style("label")), Span(text + cursor, theme.style("value")),
                               Span(found, theme.style("dim"))])
        line.draw(into: &grid, x: rect.x, y: rect.y, maxX: rect.maxX)
    }

    /// One record as `+0.123s @0 145B message “Hello”`: when, where, how big, its type and what it carried;
    /// in columns when `aligned` (a wide pane), else packed so that the summary still shows.
    static func line(_ record: RawRecord, theme: Theme, aligned: Bool = true) -> StyledLine {
        let at = "@\(record.offset)"
        let size = Format.bytes(record.bytes.count)
        let head = Format.offset(record.receivedAt) + " " + (aligned ? at.padding(toWidth: 8) : at) + " "
            + (aligned ? size.padding(toWidth: 6) : size) + " "
        let type = aligned ? RecordSummary.type(record).padding(toWidth: 14) : RecordSummary.type(record)
        let failed = record.events.contains(where: { if case .failed = $0 { return true } else { return false } })
        let role = failed ? "error" : (record.kind == .keepAlive ? "dim" : "value")
        return StyledLine([Span(head, theme.style("label")), Span(type + " ", theme.style("step")),
                           Span(RecordSummary.summary(record), theme.style(role))])
    }

    /// The record whole: exact bytes (controls shown, each line ending `␊`), the events, and its JSON laid out.
    static func detail(_ record: RawRecord, number: Int, of count: Int, width: Int, theme: Theme, limit: Int) -> [StyledLine] {
        var out = DetailLines(width: width, limit: limit)
        let title = "─ record \(number + 1)/\(count) · \(RecordSummary.type(record)) · \(record.bytes.count) bytes · "
            + "y copies · Enter closes "
        out.append(StyledLine(TextWrap.truncate(title, width: width), theme.style("border.focused")))
        out.append(StyledLine("bytes:", theme.style("label")))
        let shown = min(record.bytes.count, max(1, limit) * width * 4)
        let text = String(decoding: record.bytes[..<shown], as: UTF8.self)
        var rest = text[...]
        while !out.isFull, !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let mark = end < rest.endIndex ? "␊" : ""
            out.appendText(String(rest[..<end].prefix(width * limit)) + mark, indent: "", style: theme.style("value"), prettyJSON: false)
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
        }
        out.append(StyledLine("events:", theme.style("label")))
        if record.events.isEmpty { out.append(StyledLine("(none)", theme.style("dim"))) }
        for event in record.events where !out.isFull {
            out.appendText(event.jsonLine.text, indent: "", style: theme.style("step"), prettyJSON: false)
        }
        if !out.isFull, let json = PrettyJSON.payload(record) {
            out.append(StyledLine("json:", theme.style("label")))
            out.appendText(json, indent: "", style: theme.style("value"), prettyJSON: false)
        }
        return out.lines
    }
}
