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
        let (first, perPage) = page(state, height: rect.height)
        var y = rect.y
        for index in first..<min(results.count, first + perPage) {
            let lines = [title(results[index], theme: theme)]
                + snippet(results[index], width: max(1, rect.width - 3), rows: snippetRows, theme: theme)
            for (row, line) in lines.enumerated() where y < rect.maxY {
                let selected = index == list.resultSelected
                ListView(count: 1, selected: selected ? 0 : nil, focused: focused)
                    .draw(into: &grid, Rect(x: rect.x, y: y, width: rect.width, height: 1), offset: 0, theme: theme) { _ in line }
                if selected, row > 0 { grid.write(" ", x: rect.x, y: y, style: theme.style(focused ? "selection" : "selection.unfocused")) }
                y += 1
            }
        }
    }

    /// Rows of passage under each title.
    static let snippetRows = 2

    /// The first match shown in a view `height` rows high, and how many fit.
    static func page(_ state: AppState, height: Int) -> (first: Int, count: Int) {
        let perPage = max(1, height / (1 + snippetRows))
        let selected = state.list.resultSelected
        let previous = state.list.resultAnchor?.previous(for: selected) ?? 0
        return (selected >= previous && selected < previous + perPage ? previous : max(0, selected - perPage + 1), perPage)
    }

    /// The match drawn on row `row` (from the top) of a view `width` by `height`, if any: its title and passage
    /// lines, as `draw` lays them out.
    static func result(atRow row: Int, _ state: AppState, width: Int, height: Int) -> Int? {
        let results = state.list.results ?? []
        let (first, count) = page(state, height: height)
        var top = 0
        for index in first..<min(results.count, first + count) {
            let rows = 1 + snippet(results[index], width: max(1, width - 3), rows: snippetRows, theme: .standard).count
            if row >= top, row < top + rows { return index }
            top += rows
        }
        return nil
    }

    private static func title(_ result: SearchResult, theme: Theme) -> StyledLine {
        let title = ControlSanitizer.sanitize(result.conversation.title, keepNewlines: false)
        let profile = result.conversation.profile.map { " · " + ControlSanitizer.sanitize($0, keepNewlines: false) } ?? ""
        return StyledLine([Span(title, theme.style("title")), Span(profile, theme.style("dim"))])
    }

    /// The passage indented under its title, starting a little before the first matched word, wrapped over
    /// `rows` rows; the matched words are underlined in the warning colour.
    static func snippet(_ result: SearchResult, width: Int, rows: Int, theme: Theme) -> [StyledLine] {
        let characters = Array(result.snippet)
        var matched = [Bool](repeating: false, count: characters.count)
        for range in result.matches {
            for index in max(0, range.lowerBound)..<min(characters.count, max(range.lowerBound, range.upperBound)) { matched[index] = true }
        }
        let firstMatch = result.matches.map(\.lowerBound).min() ?? 0
        let start = firstMatch > 12 ? firstMatch - 8 : 0
        var pieces: [(String, Bool)] = start > 0 ? [("…", false)] : []
        for index in start..<characters.count {
            let text = ControlSanitizer.sanitize(String(characters[index]), keepNewlines: false)
            pieces.append((text == "\n" ? " " : text, matched[index]))
        }
        let plain = theme.style("text")
        let match = theme.style("warning").adding(.underline)
        var lines: [StyledLine] = []
        var line = StyledLine([Span("  ", plain)])
        var used = 0
        for (text, isMatch) in pieces {
            let cost = DisplayWidth.of(text)
            if used + cost > width {
                lines.append(line)
                guard lines.count < rows else { return lines }
                line = StyledLine([Span("  ", plain)])
                used = 0
            }
            let style = isMatch ? match : plain
            if let last = line.spans.last, last.style == style, line.spans.count > 1 {
                line.spans[line.spans.count - 1].text += text
            } else {
                line.spans.append(Span(text, style))
            }
            used += cost
        }
        lines.append(line)
        return lines
    }
}
