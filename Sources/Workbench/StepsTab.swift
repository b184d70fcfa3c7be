import ChatModel
import TerminalUI

/// The Steps tab: a timeline of the reply's agent steps and tool calls (status, start, duration, the label
/// the server gave), and the selected step whole, its input and output pretty-printed when they are JSON.
///
/// The timeline draws only its visible rows and the open step only the lines in view, so a reply with
/// thousands of steps, or a step with a 100 KB output, costs what is visible.
enum StepsTab {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard let reply = state.inspectedReply else {
            grid.write("No reply yet.", x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let log = state.inspectedLog
        let drafts = log?.toolCalls ?? []
        guard !reply.steps.isEmpty || !drafts.isEmpty else {
            grid.write("No steps in this reply.", x: rect.x, y: rect.y, maxX: rect.maxX, style: theme.style("dim"))
            return
        }
        let steps = reply.steps.isEmpty ? drafts.map(draftStep) : reply.steps
        let selected = state.inspector.stepSelection.map { min($0, steps.count - 1) }
        if state.inspector.stepExpanded, let selected {
            let step = steps[selected]
            var detail = lines(step, timing: log?.stepTimings[step.id], drafts: drafts, number: selected, of: steps.count,
                               width: rect.width, theme: theme, limit: state.inspector.scroll + rect.height)
            if let log, detail.count < state.inspector.scroll + rect.height {
                detail.append(StyledLine())
                detail += StyledLine.wrap("records (◆ in Raw): " + recordNumbers(of: step.id, in: log), style: theme.style("dim"), width: rect.width)
            }
            let start = min(state.inspector.scroll, max(0, detail.count - rect.height))
            TextView().draw(into: &grid, rect, lines: detail[start...])
            return
        }
        let offset = timelineOffset(state, count: steps.count, height: rect.height)
        ListView(count: steps.count, selected: selected, focused: state.focus == .inspector)
            .draw(into: &grid, rect, offset: offset, theme: theme) { index in
                var line = row(steps[index], timing: log?.stepTimings[steps[index].id], theme: theme)
                let input = input(of: steps[index], drafts: drafts)
                if !input.isEmpty { line.spans.append(Span(" " + RecordSummary.visible(input, limit: rect.width), theme.style("value"))) }
                return line
            }
    }

    /// The numbers of the kept records that carried a step, as `#3, #9`.
    private static func recordNumbers(of id: String, in log: RunLog) -> String {
        let numbers = (log.firstKeptRecord..<log.recordCount).filter { index in
            log.record(at: index).map { RecordSummary.carries($0, step: id) } ?? false
        }
        guard !numbers.isEmpty else { return "none in memory" }
        return numbers.prefix(20).map { "#\($0 + 1)" }.joined(separator: ", ") + (numbers.count > 20 ? ", …" : "")
    }

    /// A streamed tool call not yet assembled into a step.
    private static func draftStep(_ draft: ToolCallDraft) -> Step {
        Step(id: draft.id, kind: .toolCall, name: draft.name, input: draft.arguments)
    }

    /// One timeline row: `✓ 1.204s Current Time (current_time)`, the status mark, how long the step took
    /// (from its first record to its last; so far, while running) and the label the server gave.
    static func row(_ step: Step, timing: StepTiming?, theme: Theme) -> StyledLine {
        let mark = TranscriptFormatter.mark(step.status)
        let duration = timing.map { String(format: "%.3fs", $0.duration) } ?? "—"
        let name = ControlSanitizer.sanitize(step.displayName, keepNewlines: false)
        return StyledLine([
            Span(mark + " ", theme.style(statusRole(step.status))),
            Span(duration.padding(toWidth: 6) + " ", theme.style("label")),
            Span(name, theme.style("step").adding(.bold)),
        ])
    }

    /// One step whole: its facts, then input, output and thought in full.
    static func lines(
        _ step: Step, timing: StepTiming?, drafts: [ToolCallDraft], number: Int, of count: Int, width: Int, theme: Theme,
        limit: Int
    ) -> [StyledLine] {
        var out = DetailLines(width: width, limit: limit)
        let title = "─ step \(number + 1)/\(count) · Enter goes back "
        out.append(StyledLine(TextWrap.truncate(title, width: width), theme.style("border.focused")))
        out.append(row(step, timing: timing, theme: theme))
        var facts = [step.kind.rawValue, step.status.rawValue, "id " + step.id]
        if let timing { facts.append("from " + Format.offset(timing.firstSeen) + " to " + Format.offset(timing.lastSeen)) }
        out.appendText(facts.joined(separator: " · "), style: theme.style("dim"), prettyJSON: false)
        for (label, value) in [("input", input(of: step, drafts: drafts)), ("output", step.output), ("thought", step.thought)] where !value.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("\(label):", theme.style("label")))
            out.appendText(value, style: theme.style("value"))
        }
        return out.lines
    }

    /// A step's input, or the arguments streamed so far for a tool call still being assembled.
    private static func input(of step: Step, drafts: [ToolCallDraft]) -> String {
        guard step.input.isEmpty, let draft = drafts.first(where: { $0.id == step.id }) else { return step.input }
        return draft.arguments + (step.status == .running ? "▍" : "")
    }

    private static func statusRole(_ status: Step.Status) -> String {
        switch status {
        case .running: return "warning"
        case .completed: return "citation"
        case .failed: return "error"
        case .stopped: return "dim"
        }
    }
}
