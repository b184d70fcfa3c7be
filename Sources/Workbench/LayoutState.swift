import TerminalUI

/// How the user arranged the panes for this session: zoom, the hidden inspector, and the widths they chose.
///
/// The widths are the user's wish in columns; `ScreenLayout` keeps them within bounds at every terminal size,
/// so a wish made on a wide terminal still gives a sane screen after the terminal shrinks.
public struct LayoutState: Sendable, Equatable {
    /// True while the focused pane fills the screen above the status bar.
    public var zoomed = false
    public var inspectorHidden = false
    /// The conversation list's width chosen with `<` and `>`; `nil` is the default for the terminal's width.
    public var listWidth: Int?
    /// The inspector's width chosen with `<` and `>`; `nil` is the default.
    public var inspectorWidth: Int?

    public init() {}

    /// Columns one press of `<` or `>` moves a pane edge.
    static let widthStep = 2
    /// Below this many columns the panes are shown one at a time, under a tab bar naming them.
    public static let tabbedBelow = 100
    /// The narrowest the list, the inspector and the transcript may be made.
    static let minimumList = 16
    static let minimumInspector = 24
    static let minimumTranscript = 30

    /// The default widths at a terminal width.
    static func defaultListWidth(columns: Int) -> Int { min(32, max(18, columns / 5)) }
    static func defaultInspectorWidth(columns: Int) -> Int { columns * 34 / 100 }

    /// The list's and the inspector's widths at a terminal width (the inspector 0 while hidden), within
    /// bounds: neither more than half (the list) or 60% (the inspector) of the screen, and the transcript at
    /// least `minimumTranscript` columns; the inspector gives way first.
    func widths(columns: Int) -> (list: Int, inspector: Int) {
        var list = min(max(Self.minimumList, listWidth ?? Self.defaultListWidth(columns: columns)), columns / 2)
        var inspector = inspectorHidden ? 0
            : min(max(Self.minimumInspector, inspectorWidth ?? Self.defaultInspectorWidth(columns: columns)), columns * 60 / 100)
        let room = columns - Self.minimumTranscript
        if list + inspector > room, !inspectorHidden { inspector = max(Self.minimumInspector, room - list) }
        if list + inspector > room { list = max(Self.minimumList, room - inspector) }
        return (list, inspector)
    }
}
