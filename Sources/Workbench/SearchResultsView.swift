import ChatModel
import TerminalUI

/// Draws search matches: each conversation's title, then its passage with the matched words highlighted.
enum SearchResultsView {
    static func draw(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        let list = state.list
        let results = list.results ?? []
        if results.isEmpty {
            let text = list.filter.text.allSatisfy(\.isWhitespace) ? "Type words of a title or a message."
                : list.searching != nil ? "Searching…" : "No match."
            for (row, line) in TextWrap.wrap(text, width: rect.width).prefix(rect.height).enumerated() {
                grid.write(line, x: rect.x, y: rect.y + row, maxX: rect.maxX, style: theme.style("dim"))
            }
            return
        }
        let perPage = max(1, rect.height / 2)
        let first = max(0, list.resultSelected - perPage + 1)
        let lines = results[first...].prefix(perPage).flatMap { [title($0, theme: theme), snippet($0, theme: theme)] }
        let selected = (list.resultSelected - first) * 2
        let view = ListView(count: lines.count, selected: nil, focused: focused)
        view.draw(into: &grid, rect, offset: 0, theme: theme) { lines[$0] }
        for row in [selected, selected + 1] where row < rect.height && row < lines.count {
            ListView(count: 1, selected: 0, focused: focused)
                .draw(into: &grid, Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1), offset: 0, theme: theme) { _ in
                    lines[row]
                }
        }
    }

    private static func title(_ result: SearchResult, theme: Theme) -> StyledLine {
        let title = ControlSanitizer.sanitize(result.conversation.title, keepNewlines: false)
        let profile = result.conversation.profile.map { " · " + ControlSanitizer.sanitize($0, keepNewlines: false) } ?? ""
        return StyledLine([Span(title, theme.style("title")), Span(profile, theme.style("dim"))])
    }

    /// The passage indented under its title, the matched words underlined in the warning colour.
    static func snippet(_ result: SearchResult, theme: Theme) -> StyledLine {
        let characters = Array(result.snippet)
        let plain = theme.style("text")
        let match = theme.style("warning").adding(.underline)
        var spans = [Span("  ", plain)]
        var cursor = 0
        for range in result.matches.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(cursor, range.lowerBound), characters.count)
            let upper = min(max(lower, range.upperBound), characters.count)
            spans.append(Span(clean(characters[cursor..<lower]), plain))
            spans.append(Span(clean(characters[lower..<upper]), match))
            cursor = upper
        }
        spans.append(Span(clean(characters[cursor...]), plain))
        return StyledLine(spans.filter { !$0.text.isEmpty })
    }

    private static func clean(_ characters: ArraySlice<Character>) -> String {
        ControlSanitizer.sanitize(String(characters), keepNewlines: false)
    }
}
