/// One screen cell: the grapheme cluster drawn there and its style.
///
/// A double-width cluster occupies its own cell plus a following continuation cell, so every grid row has
/// exactly as many cells as the terminal has columns.
public struct Cell: Sendable, Hashable {
    /// The cluster shown; empty for the right half of a double-width cluster.
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A blank cell in the given style.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(" ", style: style) }

    /// The right half of a double-width cluster.
    public static func continuation(_ style: Style) -> Cell { Cell("", style: style) }

    /// True for the right half of a double-width cluster.
    public var isContinuation: Bool { text.isEmpty }
}
