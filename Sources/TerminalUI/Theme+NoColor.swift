/// Drawing without colour, for `NO_COLOR` (no-color.org): every role keeps its attributes and loses its
/// colours, and what colour alone told apart is told apart by attributes.
extension Theme {
    /// This theme without colours: a role drawn on a coloured background (the selection, the status bar, the
    /// active tab, markers) is drawn reversed, and a grey (`bright-black`) foreground is drawn dim, so the
    /// selection, focus and dimmed text stay visible.
    public func withoutColors() -> Theme {
        Theme(name: name, styles: styles.mapValues { style in
            var attributes = style.attributes
            if style.background != .default { attributes.insert(.reverse) }
            if style.foreground == .indexed(8) || style.foreground.isGrey { attributes.insert(.dim) }
            return Style(attributes: attributes)
        })
    }

    /// True when the environment asks for no colour: `NO_COLOR` set to anything but the empty string.
    public static func noColorRequested(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}

extension Color {
    /// True for the 256-colour palette's darker greys (232-247), which themes use as a muted foreground.
    var isGrey: Bool {
        if case .indexed(let n) = self { return (232...247).contains(n) }
        return false
    }
}
