import TerminalUI

/// The stream debugger's keys: the Lint tab's, `M` to mark and compare replies, and the compare view's.
extension Keymap {
    static let lintBindings: [KeyBinding] = [
        KeyBinding([.enter], scope: .lint, hint: "show record", help: "Show the finding's record in the Raw tab",
                   unavailable: { $0.findingUnavailableReason }, .showFindingInRaw),
        KeyBinding([.up, .down, .character("k"), .character("j")], label: "↑/↓", scope: .lint, hint: "finding",
                   help: "Select the previous or next finding") {
            $0 == .up || $0 == .character("k") ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([.character("M")], scope: .notTyping, hint: "compare",
                   help: "Mark a reply for compare; on another reply, compare the two", action: "compare",
                   unavailable: { $0.compareUnavailableReason }, .markForCompare),
    ]

    static let compareBindings: [KeyBinding] = [
        KeyBinding([.escape, .character("q"), .character("M")], label: "Esc", scope: .compare, hint: "close",
                   help: "Close the compare view", .closeCompare),
        KeyBinding([.up, .down, .character("k"), .character("j")], label: "↑/↓", scope: .compare, hint: "scroll",
                   help: "Scroll the comparison by a line") {
            $0 == .up || $0 == .character("k") ? .scrollCompare(-1) : .scrollCompare(1)
        },
        KeyBinding([.pageUp, .pageDown, .character(" ")], label: "PgUp/PgDn", scope: .compare,
                   help: "Scroll the comparison by a page") { key in
            key == .pageUp ? .scrollComparePages(-1) : .scrollComparePages(1)
        },
        KeyBinding([.home, .end], label: "Home/End", scope: .compare, help: "Go to the top or the end of the comparison") {
            $0 == .home ? .scrollCompare(-Int(Int32.max)) : .scrollCompare(Int(Int32.max))
        },
        KeyBinding([.character("?"), .function(1)], label: "?", scope: .compare, hint: "help", help: "Show all keys",
                   .toggleHelp),
        KeyBinding([.control("q")], scope: .compare, hint: "quit", help: "Quit Parley", .quit),
    ]
}
