import TerminalUI

/// The key bindings of the workbench as one table, and the dispatcher that reads it.
public enum Keymap {
    /// What a key does in a state.
    public enum Resolution: Sendable, Equatable {
        case intent(Intent)
        /// A binding matched but cannot act now; the reason is shown to the user.
        case unavailable(String)
        case unbound
    }

    /// Resolves a key: the first binding of an active scope that matches it, in table order.
    public static func resolve(_ key: Key, in state: AppState) -> Resolution {
        for binding in state.bindings where KeyBinding.isActive(binding.scope, in: state) && binding.matches(key) {
            if let reason = binding.unavailable(state) { return .unavailable(reason) }
            return .intent(binding.intent(key))
        }
        return .unbound
    }

    /// The hints the status bar shows in this state: active bindings with a hint, most specific first.
    public static func hints(in state: AppState) -> [StatusBar.Hint] {
        var seen = Set<String>()
        var hints: [StatusBar.Hint] = []
        for binding in state.bindings where KeyBinding.isActive(binding.scope, in: state) && binding.isShown(state) {
            guard let hint = binding.hint, !seen.contains(hint) else { continue }
            seen.insert(hint)
            hints.append(StatusBar.Hint(key: binding.label, text: hint, available: binding.unavailable(state) == nil))
        }
        return hints
    }

    /// Every binding, most specific scope first; the help overlay lists them in this order.
    public static let bindings: [KeyBinding] =
        helpBindings + compareBindings + profileBindings + listModalBindings + replayBindings + lintBindings + inspectorBindings
            + paneBindings + listBindings + composerBindings + replayOpenBindings + layoutBindings + globalBindings + markBindings

    /// The actions a config file may rebind (`keys: {ACTION: KEY}`), with what each does.
    public static var actions: [(name: String, help: String)] {
        var seen = Set<String>()
        return bindings.compactMap { binding in
            guard let name = binding.action, seen.insert(name).inserted else { return nil }
            return (name, binding.help)
        }
    }

    /// The bindings with the user's keys for the named actions. An action's bindings are replaced by the
    /// user's keys where its first binding was: printable characters where the action works when not typing,
    /// other keys in the action's widest scope, so `ctrl-x` for quit works while typing too. The help
    /// overlay's own bindings stay.
    public static func customized(_ keys: [String: [Key]]) -> [KeyBinding] {
        guard !keys.isEmpty else { return bindings }
        var moved = Set<String>()
        var result: [KeyBinding] = []
        for binding in bindings {
            guard let name = binding.action, let chosen = keys[name], binding.scope != .help else {
                result.append(binding)
                continue
            }
            guard moved.insert(name).inserted else { continue }
            let scopes = bindings.filter { $0.action == name && $0.scope != .help }.map(\.scope)
            let typed = chosen.filter { if case .character = $0 { return true } else { return false } }
            let other = chosen.filter { if case .character = $0 { return false } else { return true } }
            if !typed.isEmpty {
                var rebound = binding.rebound(to: typed)
                if scopes.contains(.notTyping) { rebound.scope = .notTyping }
                result.append(rebound)
            }
            if !other.isEmpty {
                var rebound = binding.rebound(to: other)
                rebound.scope = scopes.last ?? binding.scope
                result.append(rebound)
            }
        }
        return result
    }

    private static let helpBindings: [KeyBinding] = [
        KeyBinding([.escape, .character("?"), .function(1), .character("q")], label: "Esc/?/F1", scope: .help,
                   hint: "close help", help: "Close this help", .closeHelp),
        KeyBinding([.control("q")], scope: .help, hint: "quit", help: "Quit Parley", .quit),
        {
            var binding = KeyBinding([.up, .down, .character("k"), .character("j"), .pageUp, .pageDown, .home, .end],
                                     label: "↑/↓/PgUp/PgDn", scope: .help, hint: "scroll", help: "Scroll the keys") { key in
            switch key {
            case .up, .character("k"): return .scrollHelp(lines: -1)
            case .down, .character("j"): return .scrollHelp(lines: 1)
            case .pageUp: return .scrollHelp(pages: -1)
            case .pageDown: return .scrollHelp(pages: 1)
            case .home: return .scrollHelp(pages: -Int(Int32.max))
            case .mouse(let event): return .scrollHelp(lines: event.action == .wheelUp ? -3 : 3)
            default: return .scrollHelp(pages: Int(Int32.max))
            }
            }
            binding.mouseActions = [.wheelUp, .wheelDown]
            binding.isShown = { !HelpOverlay.fitsWhole($0) }
            return binding
        }(),
    ]

    private static let profileBindings: [KeyBinding] = [
        KeyBinding([.up, .down, .character("k"), .character("j")], label: "↑/↓", scope: .profiles, hint: "select",
                   help: "Select the previous or next profile") {
            $0 == .up || $0 == .character("k") ? .moveProfileSelection(-1) : .moveProfileSelection(1)
        },
        KeyBinding([.enter], scope: .profiles, hint: "switch", help: "Send new turns through the selected profile",
                   .chooseProfile),
        KeyBinding([.escape, .character("q"), .control("p")], label: "Esc", scope: .profiles, hint: "close",
                   help: "Close the profile switcher", .closeProfiles),
        KeyBinding([.control("q")], scope: .profiles, hint: "quit", help: "Quit Parley", .quit),
    ]

    private static let inspectorBindings: [KeyBinding] = [
        KeyBinding([], anyCharacter: true, label: "text", scope: .rawFilter, help: "Type the record filter (type or text)") {
            if case .character(let c) = $0 { return .edit(.insert(String(c))) }
            return .edit(.insert(""))
        },
        KeyBinding([.enter], scope: .rawFilter, hint: "keep filter", help: "Keep the record filter", .endRawFilter(keep: true)),
        KeyBinding([.escape], scope: .rawFilter, hint: "clear filter", help: "Clear the record filter",
                   .endRawFilter(keep: false)),
        KeyBinding([.backspace], scope: .rawFilter, help: "Delete a filter character", .edit(.backspace)),
        KeyBinding([.character("/")], scope: .raw, hint: "filter", help: "Filter records by type or text",
                   .startRawFilter),
        KeyBinding([.character("y")], scope: .raw, hint: "copy", help: "Copy the selected record's exact bytes",
                   unavailable: { $0.selectedRecordIndex == nil ? "No record is selected." : nil }, .copyRecord),
        KeyBinding([.character("j"), .character("k")], label: "j/k", scope: .raw, help: "Scroll the open record") {
            $0 == .character("k") ? .scrollInspector(-1) : .scrollInspector(1)
        },
        KeyBinding([.enter], scope: .steps, hint: "open step", help: "Open or close the selected step",
                   unavailable: { ($0.inspectedReply?.steps.isEmpty ?? true) ? "This reply has no steps." : nil },
                   .toggleStepExpanded),
        KeyBinding([.up, .down], label: "↑/↓", scope: .steps, hint: "step", help: "Select a step, or scroll an open one") {
            $0 == .up ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([.character("c")], scope: .request, hint: "copy curl",
                   help: "Copy as curl, the key as $VARIABLE",
                   unavailable: { $0.inspector.request == nil ? "No stored request for this reply." : nil }, .copyCurl),
        KeyBinding([.character("j"), .character("k"), .up, .down], label: "↑/↓", scope: .request, help: "Scroll the request") {
            $0 == .character("k") || $0 == .up ? .scrollInspector(-1) : .scrollInspector(1)
        },
    ]

    private static let paneBindings: [KeyBinding] = [
        KeyBinding([.enter], scope: .raw, hint: "expand", help: "Expand or collapse the selected raw record",
                   unavailable: { ($0.inspectedLog?.recordCount ?? 0) == 0 ? "No raw records for this reply." : nil }, .toggleRawExpanded),
        KeyBinding([.up, .down], label: "↑/↓", scope: .raw, hint: "record", help: "Select the previous or next raw record") {
            $0 == .up ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding(InspectorTab.allCases.map(\.key), label: InspectorTab.keyLabel, scope: .inspector, hint: "tab",
                   help: "Show " + InspectorTab.titleList) { key in
            .selectTab(InspectorTab.allCases.first { $0.key == key } ?? .steps)
        },
        KeyBinding([.left, .right], label: "←/→", scope: .inspector, help: "Previous or next inspector tab") {
            $0 == .left ? .previousTab : .nextTab
        },
        KeyBinding([.up, .down], label: "↑/↓", scope: .inspector, help: "Scroll the inspector tab") {
            $0 == .up ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([], anyCharacter: true, label: "text", scope: .filter, help: "Type words of a title or message") {
            if case .character(let c) = $0 { return .edit(.insert(String(c))) }
            return .edit(.insert(""))
        },
        KeyBinding([.enter], scope: .filter, hint: "open", help: "Open the selected match at its message",
                   .endFilter(keep: true)),
        KeyBinding([.escape], scope: .filter, hint: "back to list", help: "Leave the search for the list", .endFilter(keep: false)),
        KeyBinding([.backspace], scope: .filter, help: "Delete a character of the search", .edit(.backspace)),
        KeyBinding([.up, .down, .character("k"), .character("j")], label: "↑/↓", scope: .conversations, hint: "select",
                   help: "Select the previous or next conversation") {
            $0 == .up || $0 == .character("k") ? .moveSelection(-1) : .moveSelection(1)
        },
        KeyBinding([.enter], scope: .conversations, hint: "write", help: "Write in the selected conversation",
                   .focus(.composer)),
        KeyBinding([.up, .down], label: "↑/↓", scope: .transcript, hint: "scroll", help: "Scroll the transcript by a line") {
            $0 == .up ? .scrollTranscriptLines(1) : .scrollTranscriptLines(-1)
        },
        KeyBinding([.enter], scope: .transcript, hint: "unfold", help: "Unfold or fold reasoning and steps",
                   unavailable: { $0.foldingUnavailableReason }, .toggleFolding),
        KeyBinding([.home, .end], label: "Home/End", scope: .transcript, help: "Jump to the first or newest line") {
            $0 == .home ? .scrollTranscriptLines(Int(Int32.max)) : .scrollTranscriptLines(-Int(Int32.max))
        },
        KeyBinding([.character("y")], scope: .transcript, help: "Copy the selected (else the newest) message",
                   action: "copy_message", unavailable: { $0.copyUnavailableReason }, .copyMessage),
        KeyBinding([.character("Y")], scope: .transcript, help: "Copy its code block in view, else its last",
                   action: "copy_code", unavailable: { $0.copyUnavailableReason }, .copyCodeBlock),
    ]

    private static let composerBindings: [KeyBinding] = [
        KeyBinding([.enter], scope: .composer, hint: "send", help: "Send the message", action: "send", unavailable: {
            if $0.activeRun != nil { return "A reply is still streaming; Esc cancels it." }
            if let reason = $0.continuationRefusal { return reason }
            if $0.composer.field.text.allSatisfy(\.isWhitespace) { return "Type a message first." }
            return nil
        }, .send),
        KeyBinding([], anyCharacter: true, label: "text", scope: .composer, help: "Type the message") {
            if case .character(let c) = $0 { return .edit(.insert(String(c))) }
            return .edit(.insert(""))
        },
        KeyBinding([.altEnter, .control("j")], scope: .composer, help: "Start a new line in the message",
                   .edit(.insert("\n"))),
        KeyBinding([.backspace], scope: .composer, help: "Delete the character before the cursor", .edit(.backspace)),
        KeyBinding([.delete], scope: .composer, help: "Delete the character under the cursor", .edit(.delete)),
        KeyBinding([.left], scope: .composer, help: "Move the cursor left", .edit(.left)),
        KeyBinding([.right], scope: .composer, help: "Move the cursor right", .edit(.right)),
        KeyBinding([.up, .down], label: "↑/↓", scope: .composer, help: "Move to the line above or below") {
            $0 == .up ? .edit(.up) : .edit(.down)
        },
        KeyBinding([.home, .control("a")], scope: .composer, help: "Move to the start of the line", .edit(.home)),
        KeyBinding([.end, .control("e")], scope: .composer, help: "Move to the end of the line", .edit(.end)),
        KeyBinding([.control("u")], scope: .composer, help: "Delete the line before the cursor", .edit(.deleteToStart)),
        KeyBinding([.control("w")], scope: .composer, help: "Delete the word before the cursor", .edit(.deleteWord)),
        KeyBinding([.control("o")], scope: .composer, help: "Edit the message in $EDITOR", action: "edit_message", .editInEditor),
    ]

    private static let globalBindings: [KeyBinding] = [
        KeyBinding([.character("q")], scope: .notTyping, hint: "quit", help: "Quit Parley", action: "quit", .quit),
        KeyBinding([.character("?")], scope: .notTyping, hint: "help", help: "Show all keys", action: "help", .toggleHelp),
        KeyBinding([.character("["), .character("]")], label: "[/]", scope: .notTyping, hint: "message",
                   help: "Select a message to inspect") {
            $0 == .character("[") ? .selectMessage(-1) : .selectMessage(1)
        },
        KeyBinding([.character("e")], scope: .notTyping, help: "Edit the message in $EDITOR",
                   action: "edit_message", .editInEditor),
        KeyBinding([.character("/")], scope: .notTyping, hint: "search", help: "Search titles and message text", action: "filter", .startFilter),
        KeyBinding([.escape, .control("c")], label: "Esc/^C", scope: .global, hint: "cancel",
                   help: "Cancel the streaming reply", action: "cancel",
                   unavailable: { $0.activeRun == nil ? "Nothing is streaming." : nil }, .cancelRun),
        KeyBinding([], anyPaste: true, label: "paste", scope: .global,
                   help: "Paste into the message, newlines kept") {
            if case .paste(let text) = $0 { return .paste(text) }
            return .paste("")
        },
        KeyBinding([.tab], scope: .global, hint: "focus", help: "Focus the next pane", action: "focus_next", .focusNext),
        KeyBinding([.backTab], scope: .global, help: "Focus the previous pane", action: "focus_previous", .focusPrevious),
        KeyBinding([.pageUp, .pageDown], label: "PgUp/PgDn", scope: .global, hint: "scroll",
                   help: "Scroll the transcript by a page") { $0 == .pageUp ? .scrollTranscript(pages: 1) : .scrollTranscript(pages: -1) },
        KeyBinding([.control("n")], scope: .global, hint: "new", help: "Start a new conversation", action: "new_conversation", .newConversation),
        KeyBinding([.character("m")], scope: .notTyping, help: "Toggle the reply's Markdown source",
                   unavailable: { $0.markdownSourceTarget == nil ? "No reply to show the source of." : nil },
                   .toggleMarkdownSource),
        KeyBinding([.end], scope: .notTyping, help: "Follow the newest text in the transcript",
                   .scrollTranscriptLines(-Int(Int32.max))),
        KeyBinding([.character("r")], scope: .notTyping, hint: "retry", help: "Retry: a new reply to the last message", action: "retry",
                   unavailable: { $0.regenerateUnavailableReason }, .regenerate),
        {
            var binding = KeyBinding([.control("p")], scope: .global, hint: "profile", help: "Choose the profile for new turns",
                                     action: "profiles", unavailable: { $0.profileSwitchUnavailableReason }, .openProfiles)
            binding.isShown = { $0.profileChoices.count > 1 }
            return binding
        }(),
        KeyBinding([.function(1)], scope: .global, hint: "help", help: "Show all keys", action: "help", .toggleHelp),
        KeyBinding([.control("q")], scope: .global, hint: "quit", help: "Quit Parley", action: "quit", .quit),
    ]
}
