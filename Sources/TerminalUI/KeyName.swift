/// Keys by the names people write in a config file: `q`, `ctrl-t`, `f2`, `enter`, `alt-enter`, `pgdn`.
extension Key {
    /// The key `name` stands for, ignoring case (except a single character, which is itself); `nil` when
    /// it names none.
    public static func named(_ name: String) -> Key? {
        if name.count == 1, let character = name.first, !character.isWhitespace { return .character(character) }
        let lower = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            return .control(letter)
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) { return .function(number) }
        return namedKeys[lower]
    }

    /// The names `named` accepts, for messages.
    public static let nameExamples = "a character, ctrl-LETTER, f1-f12, enter, alt-enter, tab, shift-tab, esc, backspace, delete, up, down, left, right, home, end, pgup, pgdn, space"

    private static let namedKeys: [String: Key] = [
        "enter": .enter, "return": .enter, "alt-enter": .altEnter, "m-enter": .altEnter, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "esc": .escape, "escape": .escape, "backspace": .backspace,
        "delete": .delete, "del": .delete, "up": .up, "down": .down, "left": .left, "right": .right, "home": .home,
        "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "space": .character(" "),
    ]
}
