import ChatModel
import TerminalUI

/// Draws the current conversation's messages, newest at the bottom, from the wrap cache.
enum TranscriptPane {
    static func draw(_ state: AppState, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let entry = state.current
        let title = ControlSanitizer.sanitize(entry.conversation.title, keepNewlines: false)
        let scrolled = state.transcript.scrollBack
        let badge = scrolled > 0 ? "↑\(scrolled) lines" : ""
        let inner = Box(title: title, focused: state.focus == .transcript, badge: badge).draw(into: &grid, rect, theme: theme)
            .insetHorizontally(by: 1)
        guard !inner.isEmpty else { return }
        let messages = entry.messages
        if messages.isEmpty {
            let hint = entry.isLoaded ? "Type a message below and press Enter. Press ? for keys." : "Reading it from the store…"
            for (i, line) in TextWrap.wrap(hint, width: inner.width).enumerated() where i < inner.height {
                grid.write(line, x: inner.x, y: inner.y + i, maxX: inner.maxX, style: theme.style("dim"))
            }
            return
        }
        let unfolded = state.transcript.unfolded
        let lines = TranscriptLayout.shared.tail(
            messages, width: inner.width, count: inner.height + scrolled, unfolded: unfolded, source: state.transcript.source,
            rendering: state.transcript.rendering)
        let end = max(0, lines.count - scrolled)
        let start = max(0, end - inner.height)
        let window = lines[start..<max(start, min(lines.count, start + inner.height))]
        for (row, line) in window.enumerated() {
            line.styled(theme).draw(into: &grid, x: inner.x, y: inner.y + row, maxX: inner.maxX)
        }
        markSelection(state, lines: lines.count, window: start..<(start + window.count), in: inner, theme: theme, into: &grid)
        if scrolled > 0, state.transcript.newTextBelow {
            let marker = TextWrap.truncate(" ↓ new text below · End follows ", width: max(0, inner.width - 2))
            grid.write(marker, x: inner.x + 1, y: inner.y + inner.height, maxX: inner.maxX, style: theme.style("marker"))
        }
    }

    /// Marks the header of the chosen message (`[`/`]`) with `▸` in the selection colours, when it is in view.
    private static func markSelection(
        _ state: AppState, lines: Int, window: Range<Int>, in inner: Rect, theme: Theme, into grid: inout Grid
    ) {
        guard state.transcript.selection != nil, let index = state.selectedMessageIndex else { return }
        let messages = state.current.messages
        let unfolded = state.transcript.unfolded
        let layout = TranscriptLayout.shared
        var fromEnd = 0
        for message in messages[index...] {
            fromEnd += layout.lines(
                message, width: inner.width, unfolded: unfolded.contains(message.id),
                source: state.transcript.source.contains(message.id),
                rendering: state.transcript.rendering.contains(message.id)).count
            guard fromEnd <= lines else { return }
        }
        let header = lines - fromEnd
        guard window.contains(header) else { return }
        let y = inner.y + header - window.lowerBound
        let style = theme.style(state.focus == .transcript ? "selection" : "selection.unfocused")
        for x in inner.x..<inner.maxX {
            let attributes = style.attributes.union(grid[x, y].style.attributes)
            grid[x, y].style = Style(foreground: style.foreground, background: style.background, attributes: attributes)
        }
        grid.write("▸", x: inner.x, y: y, style: style)
    }
}
