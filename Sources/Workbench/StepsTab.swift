import ChatModel
import TerminalUI

/// The Steps tab: each agent step or tool call with its status, input and output.
///
/// A tool call's arguments are shown from the streamed fragments while they arrive, before the assembled
/// step carries them.
enum StepsTab {
    /// The tab's lines, stopping once there are `limit` (what the scroll position and height can show), so a
    /// reply with thousands of steps costs what is visible.
    static func lines(_ state: AppState, width: Int, theme: Theme, limit: Int = .max) -> [StyledLine] {
        guard let reply = state.current.latestReply else { return [StyledLine("No reply yet.", theme.style("dim"))] }
        let drafts = state.inspectedLog?.toolCalls ?? []
        guard !reply.steps.isEmpty || !drafts.isEmpty else {
            return [StyledLine("No steps in this reply.", theme.style("dim"))]
        }
        var out: [StyledLine] = []
        for step in reply.steps {
            guard out.count < limit else { break }
            let name = ControlSanitizer.sanitize(step.displayName, keepNewlines: false)
            out.append(StyledLine([Span("⚙ " + name, theme.style("step").adding(.bold)),
                                   Span("  \(step.kind.rawValue) · \(step.status.rawValue)", theme.style(statusRole(step.status)))]))
            var input = step.input
            if input.isEmpty, let draft = drafts.first(where: { $0.id == step.id }) {
                input = draft.arguments + (step.status == .running ? "▍" : "")
            }
            out += field("in", input, width: width, theme: theme)
            out += field("out", step.output, width: width, theme: theme)
            out += field("thought", step.thought, width: width, theme: theme)
            out.append(StyledLine())
        }
        return out
    }

    private static func field(_ label: String, _ value: String, width: Int, theme: Theme) -> [StyledLine] {
        guard !value.isEmpty else { return [] }
        let body = TextWrap.wrap(ControlSanitizer.sanitize(value), width: max(1, width - 4))
        return [StyledLine("  \(label):", theme.style("label"))] + body.map { StyledLine("    " + $0, theme.style("value")) }
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
