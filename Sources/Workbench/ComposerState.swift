import TerminalUI

/// The composer's own state: the message being typed, which may hold several lines.
public struct ComposerState: Sendable, Equatable {
    public var field = TextField()
    /// True from asking for the user's editor until its text (or why there is none) comes back.
    public var inEditor = false

    public init() {}

    /// The most text rows the composer shows at a terminal size before it scrolls: a quarter of the screen,
    /// at most six.
    static func maxRows(for size: Size) -> Int { min(6, max(1, size.rows / 4)) }

    /// The text rows the composer takes at a terminal size: one per wrapped line of the message, up to
    /// `maxRows`. The box and the `› ` prompt take four columns.
    func rows(for size: Size) -> Int {
        let limit = Self.maxRows(for: size)
        return TextAreaView.rows(of: field.characters, width: size.columns - 4, limit: limit).count
    }
}

extension AppState {
    /// Where each pane goes at the current size: the composer grows with the lines of the message.
    var layout: ScreenLayout { layout(for: size) }

    /// Where each pane goes at `size`.
    func layout(for size: Size) -> ScreenLayout {
        ScreenLayout(size: size, focus: focus, composerRows: composer.rows(for: size), panes: panes)
    }
}
