import ChatModel
import TerminalUI

/// The Citations tab: each retrieved passage with its title, source, score and a snippet.
enum CitationsTab {
    static let snippetLines = 4

    /// The tab's lines, stopping once there are `limit` (what the scroll position and height can show).
    static func lines(_ state: AppState, width: Int, theme: Theme, limit: Int = .max) -> [StyledLine] {
        guard let reply = state.inspectedReply, !reply.citations.isEmpty else {
            return [StyledLine("No citations in this reply.", theme.style("dim"))]
        }
        var out: [StyledLine] = []
        for (i, citation) in reply.citations.enumerated() {
            guard out.count < limit else { break }
            let number = citation.position ?? i + 1
            let title = ControlSanitizer.sanitize(citation.title, keepNewlines: false)
            out += StyledLine.wrap("[\(number)] \(title)", style: theme.style("citation").adding(.bold), width: width)
            var facts: [String] = []
            if let source = citation.source { facts.append(ControlSanitizer.sanitize(source, keepNewlines: false)) }
            if let score = citation.score { facts.append("score " + Format.score(score)) }
            if !facts.isEmpty {
                out += StyledLine.wrap("    " + facts.joined(separator: " · "), style: theme.style("dim"), width: width)
            }
            let head = String(citation.content.prefix(width * (snippetLines + 1)))
            let snippet = TextWrap.wrap(ControlSanitizer.sanitize(head, keepNewlines: false), width: max(1, width - 4))
            for (n, line) in snippet.prefix(snippetLines).enumerated() {
                let more = n == snippetLines - 1 && snippet.count > snippetLines ? "…" : ""
                out.append(StyledLine("    " + line + more, theme.style("value")))
            }
            out.append(StyledLine())
        }
        return out
    }
}
