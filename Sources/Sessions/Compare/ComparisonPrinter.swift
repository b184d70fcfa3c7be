import ChatModel
import Foundation
import StreamTools

/// Writes a comparison of two runs as aligned text (with colour on a terminal) or as one JSON document.
public enum ComparisonPrinter {
    /// The table, the steps and the word diff. `colour` marks removed text red and added green; without it
    /// the markers `[-removed-]` and `{+added+}` show the changes.
    public static func text(_ comparison: RunComparison, colour: Bool) -> String {
        let rows = [RunComparison.Row(name: "", a: "A: " + comparison.a.label, b: "B: " + comparison.b.label)]
            + comparison.rows
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let aWidth = rows.map(\.a.count).max() ?? 0
        let bWidth = rows.map(\.b.count).max() ?? 0
        var lines = rows.map { row in
            var line = pad(row.name, nameWidth) + "  " + pad(row.a, aWidth) + "  "
            line += row.change == nil ? row.b : pad(row.b, bWidth) + "  " + row.change!
            let marked = row.differs && !row.name.isEmpty && row.change == nil ? line + "  ≠" : line
            return ControlSanitizer.printable(marked.trimmingTrailingSpaces)
        }
        lines.append("")
        lines.append("steps")
        for (name, run) in [("A", comparison.a), ("B", comparison.b)] {
            let steps = run.stepLines
            let listed = steps.isEmpty ? "none" : steps.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "; ")
            lines.append(ControlSanitizer.printable("  \(name): " + listed))
        }
        if let reasoning = comparison.reasoningDiff {
            lines.append("")
            lines.append("reasoning" + summary(reasoning))
            lines.append(render(reasoning, colour: colour))
        }
        lines.append("")
        lines.append("text" + summary(comparison.textDiff))
        lines.append(render(comparison.textDiff, colour: colour))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison as one JSON object: `a` and `b` (label, provider, model, ending, steps, text), `rows`
    /// (name, a, b, change) and `diff` (operation and text of each piece).
    public static func json(_ comparison: RunComparison) -> String {
        func side(_ run: ComparedRun) -> JSONLine.Value {
            var line = JSONLine()
            line.set("label", run.label)
            line.set("provider", run.provider)
            line.set("model", run.model)
            line.set("status", run.reply.status.rawValue)
            line.set("ending", run.ending)
            line.set("steps", .array(run.stepLines.map(JSONLine.Value.string)))
            line.set("text", run.reply.text)
            return .object(line)
        }
        var line = JSONLine()
        line.set("a", side(comparison.a))
        line.set("b", side(comparison.b))
        line.set("rows", .array(comparison.rows.map { row in
            var item = JSONLine()
            item.set("name", row.name)
            item.set("a", row.a)
            item.set("b", row.b)
            item.set("change", row.change)
            return .object(item)
        }))
        line.set("diff", .array(comparison.textDiff.pieces.map { piece in
            var item = JSONLine()
            item.set("op", piece.operation.rawValue)
            item.set("text", piece.text)
            return .object(item)
        }))
        return line.text + "\n"
    }

    /// The diff with each piece's controls made visible first, so only our own colour codes reach the terminal.
    private static func render(_ diff: WordDiff, colour: Bool) -> String {
        guard colour else { return ControlSanitizer.printable(diff.marked) }
        return diff.pieces.map { piece in
            let text = ControlSanitizer.printable(piece.text)
            switch piece.operation {
            case .same: return text
            case .removed: return "\u{1B}[31;9m" + text + "\u{1B}[0m"
            case .added: return "\u{1B}[32m" + text + "\u{1B}[0m"
            }
        }.joined()
    }

    private static func summary(_ diff: WordDiff) -> String {
        guard !diff.isEmpty else { return " (the same)" }
        let (removed, added) = diff.changedWords
        return " (\(removed) word\(removed == 1 ? "" : "s") removed, \(added) added)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
