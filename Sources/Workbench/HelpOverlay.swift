import TerminalUI

/// Draws the help overlay from the keymap table: every binding by scope, and why one cannot act now.
enum HelpOverlay {
    static func draw(_ state: AppState, size: Size, theme: Theme, into grid: inout Grid) {
        let width = min(size.columns - 4, 116)
        let height = min(size.rows - 2, 40)
        guard width > 20, height > 4 else { return }
        let rect = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.style("overlay"))
        let inner = Box(title: "Keys", focused: true, badge: "Esc closes").draw(into: &grid, rect, theme: theme)
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
        let columnWidth = inner.width / columns
        let perColumn = (lines.count + columns - 1) / columns
        for column in 0..<columns {
            let slice = lines.dropFirst(column * perColumn).prefix(perColumn)
            let area = Rect(x: inner.x + column * columnWidth, y: inner.y, width: columnWidth - 1, height: inner.height)
            TextView().draw(into: &grid, area, lines: slice)
        }
    }
}

extension Style {
    /// Only the attributes of this style on the colours of `base`.
    func merged(over base: Style) -> Style {
        Style(foreground: base.foreground, background: base.background, attributes: attributes.union([.bold]))
    }
}
