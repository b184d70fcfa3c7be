import ChatModel
import StreamTools
import TerminalUI

/// The Lint tab: what the inspected reply's stream bent, worst first (errors, warnings, notes; each in stream
/// order), one row per rule with its severity mark, rule id, first record and byte offset and why it matters,
/// and the selected finding whole below the list.
///
/// It draws the findings the worker already found (`LintState`); nothing here reads the records, so a frame
/// costs the same however long the stream.
enum LintTab {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard let log = state.inspectedLog, log.recordCount > 0 else {
            let text = state.inspectedReply == nil ? "No reply yet." : "No raw records for this reply: nothing to lint."
            grid.write(text, x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let lint = state.inspector.lint
        guard lint.runID == log.id.value, let report = lint.report else {
            grid.write("Linting \(log.recordCount) records…", x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let (top, body) = rect.splitTop(1)
        header(report, lint: lint, streaming: log.reply.status == .streaming, theme: theme)
            .draw(into: &grid, x: top.x, y: top.y, maxX: top.maxX)
        let findings = report.findings
        guard !findings.isEmpty else {
            let lines = StyledLine.wrap(
                "No findings: the stream keeps every rule checked for \(report.protocolName).", style: theme.style("value"),
                width: body.width)
            TextView().draw(into: &grid, body, lines: lines[...])
            return
        }
        let (listRect, detailRect) = parts(of: body)
        if let rest = detailRect {
            let lines = detail(findings[min(lint.selection, findings.count - 1)], width: rest.width, theme: theme,
                               limit: rest.height)
            TextView().draw(into: &grid, rest, lines: lines[...])
        }
        let ruleWidth = min(findings.map { DisplayWidth.of($0.rule.id) }.max() ?? 0, max(8, listRect.width / 3))
        let placeWidth = findings.map { DisplayWidth.of(place($0)) }.max() ?? 0
        let selected = min(lint.selection, findings.count - 1)
        let offset = ListView.offset(selected: selected, count: findings.count, height: listRect.height)
        ListView(count: findings.count, selected: selected, focused: state.focus == .inspector)
            .draw(into: &grid, listRect, offset: offset, theme: theme) { row in
                line(findings[row], ruleWidth: ruleWidth, placeWidth: placeWidth, theme: theme)
            }
    }

    /// The list of findings and, when the tab is tall enough, the selected finding below it, in the tab's body
    /// under its header line.
    static func parts(of body: Rect) -> (list: Rect, detail: Rect?) {
        guard body.height >= 8 else { return (body, nil) }
        let (list, rest) = body.splitTop(max(3, body.height - max(5, body.height * 2 / 5)))
        return (list, rest)
    }

    /// The finding drawn at row `y` of the tab `rect` (header included), for a click.
    static func finding(atY y: Int, in rect: Rect, _ state: AppState) -> Int? {
        let count = state.inspector.lint.findings.count
        guard count > 0, let log = state.inspectedLog, state.inspector.lint.runID == log.id.value else { return nil }
        let list = parts(of: rect.splitTop(1).rest).list
        guard y >= list.y, y < list.maxY else { return nil }
        let selected = min(state.inspector.lint.selection, count - 1)
        let row = ListView.offset(selected: selected, count: count, height: list.height) + y - list.y
        return row < count ? row : nil
    }

    /// `3 findings · worst first · dify · 6 records`: how many, in which order, which protocol's rules.
    static func header(_ report: LintReport, lint: LintState, streaming: Bool, theme: Theme) -> StyledLine {
        let count = report.findings.count
        let counts = LintSeverity.allCases.compactMap { severity -> Span? in
            let n = report.findings.filter { $0.severity == severity }.count
            return n == 0 ? nil : Span(" \(mark(severity))\(n)", style(severity, theme: theme))
        }
        var text = "\(count) finding\(count == 1 ? "" : "s")"
        text += count > 1 ? " · worst first · " : " · "
        text += "\(report.protocolName) · \(lint.linted) record\(lint.linted == 1 ? "" : "s")"
        if streaming { text += " so far" }
        return StyledLine([Span(text, theme.style("label"))] + counts)
    }

    /// One finding as `✖ end-missing  #6 @512  ×2 why it matters`.
    static func line(_ finding: LintFinding, ruleWidth: Int, placeWidth: Int, theme: Theme) -> StyledLine {
        let rule = TextWrap.truncate(finding.rule.id, width: ruleWidth).padding(toWidth: ruleWidth)
        var spans = [
            Span(mark(finding.severity) + " ", style(finding.severity, theme: theme)),
            Span(rule + " ", theme.style("step")),
            Span(place(finding).padding(toWidth: placeWidth) + " ", theme.style("label")),
        ]
        if finding.count > 1 { spans.append(Span("×\(finding.count) ", theme.style("value"))) }
        spans.append(Span(finding.rule.why, theme.style("dim")))
        return StyledLine(spans)
    }

    /// The selected finding whole: what happened, how often, why it matters, and where Enter goes.
    static func detail(_ finding: LintFinding, width: Int, theme: Theme, limit: Int) -> [StyledLine] {
        var out = DetailLines(width: width, limit: limit)
        var title = "─ \(finding.rule.id) · \(finding.severity.rawValue)"
        if finding.count > 1 { title += " · \(finding.count) times" }
        out.append(StyledLine(TextWrap.truncate(title + " ", width: width), theme.style("border.focused")))
        out.appendText(finding.message, indent: "", style: theme.style("value"), prettyJSON: false)
        out.appendText(finding.rule.why, indent: "", style: theme.style("dim"), prettyJSON: false)
        let target = finding.record.map { "Enter shows record #\($0 + 1) in the Raw tab." }
            ?? "Enter shows the response head in the Request tab."
        out.append(StyledLine(target, theme.style("label")))
        return out.lines
    }

    /// Where a finding first happened: `#6 @512`, or `head` for the response head.
    static func place(_ finding: LintFinding) -> String {
        guard let record = finding.record else { return "head" }
        return "#\(record + 1)" + (finding.offset.map { " @\($0)" } ?? "")
    }

    /// A mark that tells the severity without colour.
    static func mark(_ severity: LintSeverity) -> String {
        switch severity {
        case .error: return "✖"
        case .warning: return "▲"
        case .note: return "●"
        }
    }

    static func style(_ severity: LintSeverity, theme: Theme) -> Style {
        switch severity {
        case .error: return theme.style("error")
        case .warning: return theme.style("warning")
        case .note: return theme.style("label")
        }
    }
}
