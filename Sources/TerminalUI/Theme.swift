/// Named styles for the roles the screen draws (`border`, `selection`, `error`, …).
///
/// Widgets ask for a role, never for a colour, so a theme file can restyle the whole screen. Unknown roles
/// fall back to the plain style so an older theme keeps working when new roles appear.
public struct Theme: Sendable, Equatable {
    public var name: String
    public private(set) var styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for a role: the role itself, else its parent (`border` for `border.focused`), else plain.
    public func style(_ role: String) -> Style {
        if let style = styles[role] { return style }
        if let dot = role.lastIndex(of: "."), let parent = styles[String(role[..<dot])] { return parent }
        return .plain
    }

    /// The roles the screen uses; theme files are checked against this list.
    public static let roles = [
        "background", "border", "border.focused", "title", "title.focused", "selection", "selection.unfocused",
        "user", "assistant", "text", "reasoning", "step", "tool", "error", "warning", "dim", "status", "status.key",
        "hint", "hint.unavailable", "tab", "tab.active", "input", "overlay", "citation", "label", "value",
        "md.heading", "md.emphasis", "md.strong", "md.strike", "md.code", "md.codeblock", "md.language", "md.frame",
        "md.quote", "md.bullet", "md.link", "md.url", "md.rule", "md.table", "md.tablehead", "md.html", "marker",
        "diff.added", "diff.removed",
    ]

    /// Parses a theme from `role = foreground background attributes…` lines.
    public static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        try ThemeParser.parse(text, name: name)
    }

    /// The theme Parley uses when none is given; `themes/default.theme` holds the same lines.
    public static let standard: Theme = {
        do { return try parse(standardText, name: "default") } catch { fatalError("built-in theme: \(error)") }
    }()

    /// The text of the built-in theme.
    public static let standardText = """
        # Parley default theme: role = foreground background attributes
        # Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-<colour>, color0-255.
        # Attributes: bold, dim, italic, underline, reverse, or - for none.
        background        = default default -
        border            = bright-black default -
        border.focused    = cyan default -
        title             = white default bold
        title.focused     = bright-cyan default bold
        selection         = black cyan -
        selection.unfocused = default default reverse
        user              = bright-green default bold
        assistant         = bright-blue default bold
        text              = default default -
        reasoning         = bright-black default italic
        step              = yellow default -
        tool              = magenta default -
        error             = bright-red default bold
        warning           = yellow default bold
        dim               = bright-black default -
        status            = black white -
        status.key        = black white bold
        hint              = white default -
        hint.unavailable  = bright-black default -
        tab               = default default -
        tab.active        = black cyan bold
        input             = default default -
        overlay           = default default -
        citation          = green default -
        label             = cyan default -
        value             = default default -
        md.heading        = bright-cyan default bold
        md.emphasis       = default default italic
        md.strong         = default default bold
        md.strike         = bright-black default dim
        md.code           = bright-yellow default -
        md.codeblock      = default default -
        md.language       = bright-magenta default bold
        md.frame          = bright-black default -
        md.quote          = bright-black default italic
        md.bullet         = cyan default bold
        md.link           = bright-blue default underline
        md.url            = bright-black default -
        md.rule           = bright-black default -
        md.table          = bright-black default -
        md.tablehead      = default default bold
        md.html           = bright-black default -
        marker            = black yellow bold
        diff.added        = bright-green default bold
        diff.removed      = red default reverse

        """
}
