import ChatModel
import Markdown
import TerminalUI

/// How one message looks in the transcript: a header, reasoning dimmed, steps inline, text, attached files, and
/// how it ended.
enum TranscriptFormatter {
    static let indent = "  "

    /// The message's lines, given its text and reasoning already wrapped to `width` minus the indent.
    /// `steps` are the message's step lines (`stepLine`), which the layout keeps between frames.
    /// Reasoning and more than one step are folded into a summary line each unless `unfolded`. A reply's text
    /// comes as rendered Markdown (`markdown`: rendered blocks, then a last block too long to parse yet, as
    /// plain text), or as its wrapped source when `markdown` is nil; `source` says the user asked for the
    /// source (`m`).
    static func lines(
        _ message: Message, width: Int, text: WrappedLines, reasoning: WrappedLines, steps: [RoleLine],
        unfolded: Bool = false, markdown: (MarkdownLines, WrappedLines)? = nil, source: Bool = false
    ) -> MessageLines {
        var out = MessageLines()
        var head = header(message, width: width)
        if source { head.spans.append((" · Markdown source", "dim")) }
        out.append(head)
        if !message.reasoning.isEmpty {
            if unfolded {
                out.append(.text(reasoning, prefix: "┊ ", role: "reasoning"))
            } else {
                let state = message.status == .streaming && message.text.isEmpty ? "Reasoning…" : "Reasoning"
                let plural = reasoning.count == 1 ? "" : "s"
                out.append(RoleLine([(indent, "background"), ("┊ ▸ \(state) · \(reasoning.count) line\(plural)", "reasoning")]))
            }
        }
        if unfolded || message.steps.count < 2 {
            out.append(.built(steps))
        } else {
            out.append(stepSummary(message.steps, width: width))
        }
        if !message.text.isEmpty, let (rendered, plain) = markdown {
            out.append(.markdown(rendered))
            out.append(.text(plain, prefix: "", role: "text"))
        } else if !message.text.isEmpty {
            out.append(.text(text, prefix: "", role: "text"))
        } else if message.status == .streaming, message.reasoning.isEmpty, message.steps.isEmpty {
            out.append(RoleLine([(indent, "background"), ("waiting for the reply…", "dim")]))
        }
        for file in message.files { out.append(fileLine(file, width: width)) }
        for line in ending(message, width: width) { out.append(line) }
        out.append(RoleLine("", role: "background"))
        return out
    }

    private static func header(_ message: Message, width: Int) -> RoleLine {
        switch message.role {
        case .user: return RoleLine("▍You", role: "user")
        case .assistant:
            var spans: [(text: String, role: String)] = [("▍Assistant", "assistant")]
            switch message.status {
            case .streaming: spans.append((" · streaming…", "dim"))
            case .cancelled: spans.append((" · cancelled", "warning"))
            case .interrupted: spans.append((" · interrupted", "warning"))
            case .failed: spans.append((" · failed", "error"))
            case .complete: break
            }
            return RoleLine(spans)
        case .system: return RoleLine("▍System", role: "dim")
        case .tool: return RoleLine("▍Tool", role: "tool")
        }
    }

    /// Several steps as one line: how many, and the newest few by name with their status marks.
    static func stepSummary(_ steps: [Step], width: Int) -> RoleLine {
        let names = steps.suffix(8).map { ControlSanitizer.sanitize($0.name.isEmpty ? $0.kind.rawValue : $0.name, keepNewlines: false) + " " + mark($0.status) }
        let text = TextWrap.truncate("⚙ ▸ \(steps.count) steps: " + names.joined(separator: ", "), width: max(1, width - indent.count))
        return RoleLine([(indent, "background"), (text, "step")])
    }

    static func mark(_ status: Step.Status) -> String {
        switch status {
        case .running: return "…"
        case .completed: return "✓"
        case .failed: return "✗"
        case .stopped: return "■"
        }
    }

    static func stepLine(_ step: Step, width: Int) -> RoleLine {
        let mark = mark(step.status)
        let input = step.input.isEmpty ? "" : " " + ControlSanitizer.sanitize(step.input, keepNewlines: false)
        let name = ControlSanitizer.sanitize(step.displayName, keepNewlines: false)
        let text = TextWrap.truncate("⚙ \(name)\(input) \(mark)", width: max(1, width - indent.count))
        return RoleLine([(indent, "background"), (text, "step")])
    }

    /// One attachment: its type, name and where it is (a URL, or the provider's file id).
    private static func fileLine(_ file: Attachment, width: Int) -> RoleLine {
        let place = file.url ?? file.id.map { "file \($0)" } ?? ""
        let described = [file.type, file.name, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        let text = TextWrap.truncate("📎 " + ControlSanitizer.sanitize(described, keepNewlines: false), width: max(1, width - indent.count))
        return RoleLine([(indent, "background"), (text, "step")])
    }

    private static func ending(_ message: Message, width: Int) -> [RoleLine] {
        let body = max(1, width - indent.count)
        switch message.status {
        case .failed:
            let text = ControlSanitizer.sanitize("✗ " + (message.error.map { "\($0)" } ?? "The reply failed."))
            return TextWrap.wrap(text, width: body).map { RoleLine([(indent, "background"), ($0, "error")]) }
        case .cancelled:
            return [RoleLine([(indent, "background"), ("⊘ Cancelled; what arrived is kept.", "warning")])]
        case .interrupted:
            let text = ControlSanitizer.sanitize("⚠ Interrupted: " + (message.error?.message ?? "the stream stopped early."))
            return TextWrap.wrap(text, width: body).map { RoleLine([(indent, "background"), ($0, "warning")]) }
        case .complete, .streaming:
            return []
        }
    }
}
