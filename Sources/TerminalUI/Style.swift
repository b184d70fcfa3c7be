/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or a 256-colour index.
///
/// Themes name colours with these; the curses renderer maps them to colour pairs.
public enum Color: Sendable, Hashable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)

    /// The theme-file names of the 16 ANSI colours, in index order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI colour name, or `colorN` with N in 0...255.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" {
            self = .default
        } else if let index = Color.names.firstIndex(of: lower) {
            self = .indexed(UInt8(index))
        } else if lower.hasPrefix("color"), let value = UInt8(lower.dropFirst(5)) {
            self = .indexed(value)
        } else {
            return nil
        }
    }
}

/// Text attributes a cell can carry.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)

    /// The theme-file names of the attributes.
    public static let named: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]
}

/// How a cell looks: foreground, background and attributes.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's plain default look.
    public static let plain = Style()

    /// This style with extra attributes added.
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
