import TerminalUI

/// The conversation list's bindings: paging, search results, and the list actions with their questions.
extension Keymap {
    /// Bindings of the list's questions (delete?) and the rename field; while either is open no other key acts.
    static let listModalBindings: [KeyBinding] = [
        KeyBinding([.character("y"), .enter], label: "y/Enter", scope: .confirm, hint: "delete",
                   help: "Delete the conversation with its messages and raw records", .list(.confirmDelete(true))),
        KeyBinding([.character("n"), .escape], label: "n/Esc", scope: .confirm, hint: "keep", help: "Keep it",
                   .list(.confirmDelete(false))),
        KeyBinding([.enter], scope: .rename, hint: "rename", help: "Store the new title", .list(.finishRename(keep: true))),
        KeyBinding([.escape], scope: .rename, hint: "cancel", help: "Keep the old title", .list(.finishRename(keep: false))),
        KeyBinding([], anyCharacter: true, label: "text", scope: .rename, help: "Type the new title") {
            if case .character(let c) = $0 { return .edit(.insert(String(c))) }
            return .edit(.insert(""))
        },
        KeyBinding([], anyPaste: true, label: "paste", scope: .rename, help: "Paste into the title") {
            if case .paste(let text) = $0 { return .paste(text) }
            return .paste("")
        },
        KeyBinding([.backspace], scope: .rename, help: "Delete the character before the cursor", .edit(.backspace)),
        KeyBinding([.delete], scope: .rename, help: "Delete the character under the cursor", .edit(.delete)),
        KeyBinding([.left, .right], label: "←/→", scope: .rename, help: "Move the cursor") {
            $0 == .left ? .edit(.left) : .edit(.right)
        },
        KeyBinding([.home, .control("a")], scope: .rename, help: "Move to the start", .edit(.home)),
        KeyBinding([.end, .control("e")], scope: .rename, help: "Move to the end", .edit(.end)),
        KeyBinding([.control("u")], scope: .rename, help: "Delete the text before the cursor", .edit(.deleteToStart)),
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
        KeyBinding([.pageUp, .pageDown], label: "PgUp/PgDn", scope: .conversations, help: "Move the selection by a page") {
            $0 == .pageUp ? .list(.movePages(-1)) : .list(.movePages(1))
        },
        KeyBinding([.home, .end, .character("g"), .character("G")], label: "Home/End", scope: .conversations,
                   help: "Select the first or last conversation") {
            $0 == .home || $0 == .character("g") ? .moveSelection(-Int(Int32.max)) : .moveSelection(Int(Int32.max))
        },
        KeyBinding([.character("R")], scope: .conversations, help: "Rename the selected conversation",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.startRename)),
        KeyBinding([.character("d")], scope: .conversations, hint: "delete", help: "Delete the selected conversation (asks first)",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.askDelete)),
        KeyBinding([.character("p")], scope: .conversations, help: "Pin or unpin: pinned ones list first",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.togglePin)),
        KeyBinding([.character("a")], scope: .conversations,
                   help: "Archive: hide from the list (`parley conversations archive --undo` brings it back)",
                   unavailable: { $0.listTarget == nil ? "No conversation selected." : nil }, .list(.toggleArchive)),
        KeyBinding([.character("f")], scope: .conversations,
                   help: "Pull the profile's remote history (Dify, Helix) in the background",
                   unavailable: { $0.list.pulling != nil ? "Already pulling." : nil }, .list(.pull)),
    ]
}
