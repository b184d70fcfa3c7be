/// A key press as the terminal reported it, decoded from curses key codes.
///
/// The workbench's keymap matches these; the curses layer produces them and tests construct them directly.
public enum Key: Sendable, Hashable {
    /// A printable character (a whole grapheme cluster).
    case character(Character)
    case enter
    /// Alt (Meta) with Enter: the terminal sends Escape, then Return.
    case altEnter
    case tab
    case backTab
    case escape
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// Control plus a letter, given in lower case (`ctrl('c')`).
    case control(Character)
    /// A function key, F1 to F12.
    case function(Int)
    /// The terminal changed size.
    case resize(Size)
    /// Text the terminal delivered as one bracketed paste, exactly as it came (line ends and control
    /// characters included); it is text to insert, never keys to act on.
    case paste(String)
    /// A click or a wheel notch, when the mouse is on.
    case mouse(MouseEvent)

    /// How the key is written in hints and help: `Enter`, `^C`, `F1`, `q`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .altEnter: return "M-Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .control(let c): return "^" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .paste: return "paste"
        case .mouse(let event): return event.action == .press ? "click" : "wheel"
        }
    }
}
