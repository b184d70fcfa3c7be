import TerminalUI

/// A display line whose spans name theme roles instead of styles.
///
/// Wrapped transcript lines are cached in this form, so the cache does not depend on the theme.
public struct RoleLine: Sendable, Equatable {
    public var spans: [(text: String, role: String)]

    public init(_ spans: [(text: String, role: String)]) { self.spans = spans }

    public init(_ text: String, role: String) { spans = [(text, role)] }

    /// The line with each role resolved through the theme.
    public func styled(_ theme: Theme) -> StyledLine {
        StyledLine(spans.map { Span($0.text, theme.style($0.role)) })
    }

    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    public static func == (lhs: RoleLine, rhs: RoleLine) -> Bool {
        lhs.spans.elementsEqual(rhs.spans) { $0.text == $1.text && $0.role == $1.role }
    }
}
