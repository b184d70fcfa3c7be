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
    ]

    /// After the global keys, so its hint comes after theirs in the status bar.
    static let markBindings: [KeyBinding] = [
        KeyBinding([.character("M")], scope: .notTyping, hint: "compare",
                   help: "Mark a reply for compare; on another reply, compare the two", action: "compare",
                   unavailable: { $0.compareUnavailableReason }, .markForCompare),
    ]

    static let compareBindings: [KeyBinding] = [
        KeyBinding([.escape, .character("q"), .character("M")], label: "Esc", scope: .compare, hint: "close",
                   help: "Close the compare view", .closeCompare),
        KeyBinding([.up, .down, .character("k"), .character("j"), .pageUp, .pageDown, .character(" "), .home, .end],
                   label: "↑/↓ PgUp/PgDn", scope: .compare, hint: "scroll",
                   help: "Scroll the comparison by a line or a page; Home/End go to its top or end") { key in
            switch key {
            case .up, .character("k"): return .scrollCompare(-1)
            case .pageUp: return .scrollComparePages(-1)
            case .pageDown, .character(" "): return .scrollComparePages(1)
            case .home: return .scrollCompare(-Int(Int32.max))
            case .end: return .scrollCompare(Int(Int32.max))
            default: return .scrollCompare(1)
            }
        },
        {
            var wheel = KeyBinding([], label: "wheel", scope: .compare, help: "Scroll the comparison") {
                if case .mouse(let event) = $0, event.action == .wheelUp { return .scrollCompare(-3) }
                return .scrollCompare(3)
            }
            wheel.mouseActions = [.wheelUp, .wheelDown]
            return wheel.inStatusBarOnly()
        }(),
        KeyBinding([.character("?"), .function(1)], label: "?", scope: .compare, hint: "help", help: "Show all keys",
                   .toggleHelp).inStatusBarOnly(),
        KeyBinding([.control("q")], scope: .compare, hint: "quit", help: "Quit Parley", .quit).inStatusBarOnly(),
    ]
}

extension KeyBinding {
    /// The binding in the status bar's hints but not in the help overlay, where "Everywhere" already lists its
    /// keys.
    func inStatusBarOnly() -> KeyBinding {
        var binding = self
        binding.isShown = { !$0.showHelp }
        return binding
    }
}
