import TerminalUI

/// The conversation list's bindings: paging, search results, and the list actions with their questions.
extension Keymap {
    /// Bindings of the list's questions (delete?) and the rename field; while either is open no other key acts.
    static let listModalBindings: [KeyBinding] = [
        KeyBinding([.character("y"), .enter, .character("n"), .escape], label: "y/n", scope: .confirm, hint: "delete? yes/no",
                   help: "y or Enter deletes it with its messages and raw records; n or Esc keeps it") {
            .list(.confirmDelete($0 == .character("y") || $0 == .enter))
        },
        KeyBinding([.enter, .escape], label: "Enter/Esc", scope: .rename, hint: "store/cancel",
                   help: "Store the new title, or keep the old one") {
            .list(.finishRename(keep: $0 == .enter))
        },
        KeyBinding([], anyCharacter: true, anyPaste: true, label: "text", scope: .rename, help: "Type or paste the new title") {
            switch $0 {
            case .character(let c): return .edit(.insert(String(c)))
            case .paste(let text): return .paste(text)
            default: return .edit(.insert(""))
            }
        },
        KeyBinding([.backspace, .delete, .left, .right, .home, .end, .control("a"), .control("e"), .control("u")],
                   label: "Bksp ←/→…", scope: .rename, help: "Edit the title as in the composer") { key in
            switch key {
            case .backspace: return .edit(.backspace)
            case .delete: return .edit(.delete)
            case .left: return .edit(.left)
            case .right: return .edit(.right)
            case .home, .control("a"): return .edit(.home)
            case .end, .control("e"): return .edit(.end)
            default: return .edit(.deleteToStart)
            }
        },
    ]

    /// Bindings of the list, its search and its results; they come before the global ones they shadow (PgUp/PgDn).
    static let listBindings: [KeyBinding] = [
        KeyBinding([.up, .down], label: "↑/↓", scope: .filter, hint: "match", help: "Select the previous or next match") {
            $0 == .up ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([.enter], scope: .results, hint: "open", help: "Open the conversation at the matching message",
                   unavailable: { ($0.list.results ?? []).isEmpty ? "No match to open." : nil }, .list(.openResult)),
        KeyBinding([.escape], scope: .results, hint: "back to list", help: "Leave the search for the list",
                   .list(.closeResults)),
        KeyBinding([.up, .down, .character("k"), .character("j")], label: "↑/↓", scope: .results, hint: "match",
                   help: "Select the previous or next match") {
            $0 == .up || $0 == .character("k") ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([.pageUp, .pageDown, .home, .end, .character("g"), .character("G")], label: "PgUp/PgDn…",
                   scope: .conversations, help: "Move by a page; Home/End or g/G: to the first or last") {
            switch $0 {
            case .pageUp: return .list(.movePages(-1))
            case .pageDown: return .list(.movePages(1))
            case .home, .character("g"): return .moveSelection(-Int(Int32.max))
            default: return .moveSelection(Int(Int32.max))
            }
        },
        KeyBinding([.character("R")], scope: .conversations, help: "Rename the selected conversation",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.startRename)),
        KeyBinding([.character("d")], scope: .conversations, hint: "delete", help: "Delete the selected conversation (asks first)",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.askDelete)),
        KeyBinding([.character("p"), .character("a")], label: "p/a", scope: .conversations,
                   help: "Pin or unpin (pinned list first); archive (hide from the list)",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }) {
            $0 == .character("p") ? .list(.togglePin) : .list(.toggleArchive)
        },
        KeyBinding([.character("f")], scope: .conversations,
                   help: "Pull the profile's remote history (Dify, Helix) in the background",
                   unavailable: { $0.list.pulling != nil ? "Already pulling." : nil }, .list(.pull)),
    ]
}
