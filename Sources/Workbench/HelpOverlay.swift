import TerminalUI

/// Draws the help overlay from the keymap table: every binding by scope, and why one cannot act now.
///
/// The lines flow down the first column, then the next; when they do not all fit, the view scrolls by lines
/// (`↑`/`↓`) and pages (`PgUp`/`PgDn`) through that one flow, and the bottom edge says there is more.
enum HelpOverlay {
    /// The overlay's frame, its lines and how they are laid out at a screen size.
    struct Page {
        var frame: Rect
        var inner: Rect
        var columns: Int
        var lines: [StyledLine]

        /// Lines shown at once when scrolling: every row of every column.
        var capacity: Int { columns * inner.height }
        var fits: Bool { lines.count <= capacity }
        /// The farthest the view scrolls: the last line at the bottom of the last column.
        var maxScroll: Int { max(0, lines.count - capacity) }
        /// How far PgUp/PgDn move: all that is in view but two lines, kept for context.
        var pageLines: Int { max(1, capacity - 2) }
    }

    static func draw(_ state: AppState, size: Size, theme: Theme, into grid: inout Grid) {
        guard let page = page(state, size: size, theme: theme) else { return }
        grid.fill(page.frame, style: theme.style("overlay"))
        Box(title: "Keys", focused: true, badge: "Esc closes").draw(into: &grid, page.frame, theme: theme)
        let inner = page.inner
        let columnWidth = inner.width / page.columns
        let scroll = min(max(0, state.helpScroll), page.maxScroll)
        let perColumn = page.fits ? (page.lines.count + page.columns - 1) / page.columns : inner.height
        for column in 0..<page.columns {
            let slice = page.lines.dropFirst(scroll + column * perColumn).prefix(perColumn)
            let area = Rect(x: inner.x + column * columnWidth, y: inner.y, width: columnWidth - 1, height: inner.height)
            TextView().draw(into: &grid, area, lines: slice)
        }
        guard !page.fits else { return }
        let last = min(page.lines.count, scroll + page.capacity)
        var more: [String] = []
        if scroll > 0 { more.append("↑ more") }
        if last < page.lines.count { more.append("↓ more") }
        let hint = " \(more.joined(separator: " · ")) · lines \(scroll + 1)-\(last) of \(page.lines.count) · ↑/↓ PgUp/PgDn scroll "
        grid.write(TextWrap.truncate(hint, width: max(0, page.frame.width - 4)), x: page.frame.x + 2, y: page.frame.maxY - 1,
                   maxX: page.frame.maxX - 2, style: theme.style("title.focused"))
    }

    /// True when every line of the help is in view at the state's size.
    static func fitsWhole(_ state: AppState) -> Bool {
        page(state, size: state.size, theme: .standard)?.fits ?? true
    }

    /// The overlay at `size`, or `nil` when the screen is too small to hold it.
    static func page(_ state: AppState, size: Size, theme: Theme) -> Page? {
        let width = min(size.columns - 4, 116)
        let height = min(size.rows - 2, 40)
        guard width > 20, height > 4 else { return nil }
        let frame = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
        let inner = frame.inset(by: 1)
        var probe = state
        probe.showHelp = false
        let keyWidth = min(11, inner.width / 3)
        let count = KeyBinding.Scope.allCases.filter { $0 != .help }.reduce(0) { total, scope in
            let bindings = Keymap.bindings.filter { $0.scope == scope }
            let reasons = KeyBinding.isActive(scope, in: probe) ? bindings.filter { $0.unavailable(probe) != nil }.count : 0
            return total + (bindings.isEmpty ? 0 : 1 + bindings.count + reasons)
        }
        // More bindings than two columns hold: a third column cuts help texts short rather than hide bindings,
        // and a reason why a key cannot act starts under the key so it stays whole.
        let columns = inner.width < 80 ? 1 : (count + 1) / 2 > inner.height && inner.width >= 105 ? 3 : 2
        let reasonIndent = columns == 3 ? 2 : keyWidth + 1
        var lines: [StyledLine] = []
        for scope in KeyBinding.Scope.allCases where scope != .help && (scope != .profiles || state.profileChoices.count > 1) {
            let bindings = state.bindings.filter { $0.scope == scope && $0.isShown(state) }
            guard !bindings.isEmpty else { continue }
            lines.append(StyledLine(scope.rawValue, theme.style("title").adding(.underline)))
            for binding in bindings {
                let reason = KeyBinding.isActive(scope, in: probe) ? binding.unavailable(probe) : nil
                var spans = [Span(" " + TextWrap.truncate(binding.label, width: keyWidth - 1).padding(toWidth: keyWidth), theme.style("status.key").merged(over: theme.style("hint")))]
                spans.append(Span(binding.help, theme.style(reason == nil ? "hint" : "hint.unavailable")))
                lines.append(StyledLine(spans))
                if let reason {
                    lines.append(StyledLine([Span(String(repeating: " ", count: reasonIndent), theme.style("hint")),
                                             Span("now: \(reason)", theme.style("hint.unavailable"))]))
                }
            }
        }
        return Page(frame: frame, inner: inner, columns: columns, lines: lines)
    }
}

extension AppState {
    /// Scrolls the help overlay, within its lines at the current size.
    mutating func scrollHelp(lines: Int, pages: Int) {
        guard let page = HelpOverlay.page(self, size: size, theme: .standard), !page.fits else {
            helpScroll = 0
            return
        }
        let moved = Int64(helpScroll) + Int64(lines) + Int64(pages) * Int64(page.pageLines)
        helpScroll = Int(min(max(0, moved), Int64(page.maxScroll)))
    }
}

extension Style {
    /// Only the attributes of this style on the colours of `base`.
    func merged(over base: Style) -> Style {
        Style(foreground: base.foreground, background: base.background, attributes: attributes.union([.bold]))
    }
}
