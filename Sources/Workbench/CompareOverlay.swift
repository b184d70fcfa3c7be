import ChatModel
import StreamTools
import TerminalUI

/// The compare view: two runs side by side over the whole screen, with the figures `parley compare` prints
/// (each change from A to B), the steps each took, and a word diff of the texts: `[-removed-]` and `{+added+}`
/// as `parley compare` marks them off a terminal, in the theme's `diff.removed` and `diff.added` styles, so
/// the changes read without colour too.
enum CompareOverlay {
    static func draw(_ state: AppState, size: Size, theme: Theme, into grid: inout Grid) {
        guard let view = state.compare.view else { return }
        let rect = Rect(x: 0, y: 0, width: size.columns, height: max(0, size.rows - 1))
        grid.fill(rect, style: theme.style("overlay"))
        let badge = view.comparison == nil ? "Esc closes" : "↑/↓ PgUp/PgDn scroll · Esc closes"
        let inner = Box(title: "Compare", focused: true, badge: badge).draw(into: &grid, rect, theme: theme)
            .insetHorizontally(by: 1)
        guard inner.height > 0 else { return }
        let lines = self.lines(view, width: inner.width, theme: theme, limit: view.scroll + inner.height)
        let start = min(view.scroll, max(0, lines.count - inner.height))
        TextView().draw(into: &grid, inner, lines: lines[start...])
    }

    /// Where the view's text goes on a screen of `size`.
    static func textArea(_ size: Size) -> Rect {
        Rect(x: 2, y: 1, width: max(1, size.columns - 4), height: max(1, size.rows - 3))
    }

    /// The view's lines, built until `limit` exist.
    static func lines(_ view: CompareViewState, width: Int, theme: Theme, limit: Int) -> [StyledLine] {
        guard let comparison = view.comparison else {
            return [StyledLine("Comparing \(clean(view.a)) with \(clean(view.b))…", theme.style("dim"))]
        }
        var out = table(comparison, width: width, theme: theme)
        out.append(StyledLine())
        out.append(StyledLine("steps", theme.style("title")))
        for (name, run) in [("A", comparison.a), ("B", comparison.b)] where out.count < limit {
            let steps = run.stepLines
            let listed = steps.isEmpty ? "none" : steps.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "; ")
            for (i, line) in TextWrap.wrap(clean(listed), width: max(1, width - 5)).enumerated() {
                out.append(StyledLine([Span(i == 0 ? "  \(name): " : "     ", theme.style("label")), Span(line, theme.style("value"))]))
            }
        }
        if let reasoning = comparison.reasoningDiff, out.count < limit {
            out.append(StyledLine())
            out.append(heading("reasoning", reasoning, theme: theme))
            out += diffLines(reasoning, width: width, theme: theme, limit: limit - out.count)
        }
        if out.count < limit {
            out.append(StyledLine())
            out.append(heading("text", comparison.textDiff, theme: theme))
            out += diffLines(comparison.textDiff, width: width, theme: theme, limit: limit - out.count)
        }
        return out
    }

    /// The figures as columns: name, A, B, and the change from A to B (`≠` where a text differs).
    static func table(_ comparison: RunComparison, width: Int, theme: Theme) -> [StyledLine] {
        let rows = comparison.rows
        let nameWidth = rows.map { DisplayWidth.of($0.name) }.max() ?? 0
        let changeWidth = rows.map { DisplayWidth.of($0.change ?? "≠") }.max() ?? 0
        let column = max(4, (width - nameWidth - changeWidth - 6) / 2)
        func cell(_ text: String) -> String { TextWrap.truncate(clean(text), width: column).padding(toWidth: column) }
        var out = [StyledLine([
            Span(String(repeating: " ", count: nameWidth + 2)),
            Span(cell("A: " + comparison.a.label) + "  ", theme.style("title")),
            Span(cell("B: " + comparison.b.label), theme.style("title")),
        ])]
        for row in rows {
            let change = row.change ?? (row.differs ? "≠" : "")
            out.append(StyledLine([
                Span(row.name.padding(toWidth: nameWidth) + "  ", theme.style("label")),
                Span(cell(row.a) + "  ", theme.style("value")),
                Span(cell(row.b) + "  ", theme.style(row.differs ? "warning" : "value")),
                Span(change, theme.style("dim")),
            ]))
        }
        return out
    }

    /// `text  3 words [-removed-] · 4 {+added+}`, the markers in the styles the diff uses.
    static func heading(_ name: String, _ diff: WordDiff, theme: Theme) -> StyledLine {
        guard !diff.isEmpty else {
            return StyledLine([Span(name, theme.style("title")), Span("  the same", theme.style("dim"))])
        }
        let (removed, added) = diff.changedWords
        return StyledLine([
            Span(name + "  ", theme.style("title")),
            Span("\(removed) word\(removed == 1 ? "" : "s") ", theme.style("dim")),
            Span("[-removed-]", theme.style("diff.removed")),
            Span(" · \(added) ", theme.style("dim")),
            Span("{+added+}", theme.style("diff.added")),
        ])
    }

    /// The word diff wrapped at `width`: unchanged text plain, removed and added text in their styles, line
    /// breaks kept; controls in the texts are shown visibly.
    static func diffLines(_ diff: WordDiff, width: Int, theme: Theme, limit: Int) -> [StyledLine] {
        var wrapper = SpanLines(width: max(1, width), limit: limit)
        for piece in diff.pieces where !wrapper.isFull {
            let text = ControlSanitizer.sanitize(piece.text, keepNewlines: true)
            switch piece.operation {
            case .same: wrapper.add(text, style: theme.style("text"))
            case .removed: wrapper.add("[-" + text + "-]", style: theme.style("diff.removed"))
            case .added: wrapper.add("{+" + text + "+}", style: theme.style("diff.added"))
            }
        }
        return wrapper.finish()
    }

    private static func clean(_ text: String) -> String { ControlSanitizer.sanitize(text, keepNewlines: false) }
}
