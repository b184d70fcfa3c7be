import TerminalUI

/// One key binding: the keys, where it applies, what it does, how it is explained, and when it cannot act.
///
/// The dispatcher, the status-bar hints and the help overlay all read these entries (design.md, house
/// rule 4), so a binding is added, documented and explained in one place.
public struct KeyBinding: Sendable {
    /// Where a binding applies.
    public enum Scope: String, Sendable, CaseIterable {
        case help = "Help"
        case profiles = "Profile switcher"
        case replay = "Replay"
        case confirm = "Deleting a conversation"
        case rename = "Renaming a conversation"
        case rawFilter = "Filtering raw records"
        case raw = "Inspector: Raw tab"
        case steps = "Inspector: Steps tab"
        case request = "Inspector: Request tab"
        case lint = "Inspector: Lint tab"
        case compare = "Compare view"
        case inspector = "Inspector"
        case filter = "Searching conversations"
        case results = "Search results"
        case conversations = "Conversations"
        case transcript = "Transcript"
        case composer = "Composer"
        case notTyping = "When not typing"
        case global = "Everywhere"
    }

    public var keys: [Key]
    /// True when any printable character triggers the binding (typing).
    public var anyCharacter: Bool
    /// True when any paste triggers the binding.
    public var anyPaste: Bool
    /// The mouse actions (a click, wheel notches) that trigger the binding, wherever the pointer is.
    public var mouseActions: Set<MouseEvent.Action> = []
    /// How the keys are written in the help overlay and hints (`Tab`, `1-4`).
    public var label: String
    public var scope: Scope
    /// Short text for the status bar, or `nil` to keep it out of the bar.
    public var hint: String?
    public var help: String
    /// The name a config file rebinds it by (`quit`, `new_conversation`); `nil` for bindings that are not
    /// rebindable (typing, pane-specific movement).
    public var action: String?
    public var intent: @Sendable (Key) -> Intent
    /// False when the binding is left out of the help and the hints in this state because it can never act
    /// there (the profile switcher without profiles); pressing its key still says why.
    public var isShown: @Sendable (AppState) -> Bool = { _ in true }
    /// Why the binding cannot act in this state, or `nil` when it can.
    public var unavailable: @Sendable (AppState) -> String?

    public init(
        _ keys: [Key], anyCharacter: Bool = false, anyPaste: Bool = false, label: String? = nil, scope: Scope,
        hint: String? = nil, help: String, action: String? = nil,
        unavailable: @escaping @Sendable (AppState) -> String? = { _ in nil },
        intent: @escaping @Sendable (Key) -> Intent
    ) {
        self.action = action
        self.keys = keys
        self.anyCharacter = anyCharacter
        self.anyPaste = anyPaste
        self.label = label ?? keys.map(\.label).joined(separator: "/")
        self.scope = scope
        self.hint = hint
        self.help = help
        self.intent = intent
        self.unavailable = unavailable
    }

    /// A binding that ignores which of its keys was pressed.
    public init(
        _ keys: [Key], label: String? = nil, scope: Scope, hint: String? = nil, help: String, action: String? = nil,
        unavailable: @escaping @Sendable (AppState) -> String? = { _ in nil }, _ intent: Intent
    ) {
        self.init(keys, label: label, scope: scope, hint: hint, help: help, action: action, unavailable: unavailable) { _ in intent }
    }

    /// This binding on other keys (a user's choice from the config file).
    public func rebound(to keys: [Key]) -> KeyBinding {
        var copy = self
        copy.keys = keys
        copy.label = keys.map(\.label).joined(separator: "/")
        return copy
    }

    /// True when the key triggers this binding.
    public func matches(_ key: Key) -> Bool {
        if keys.contains(key) { return true }
        if anyCharacter, case .character = key { return true }
        if anyPaste, case .paste = key { return true }
        if case .mouse(let event) = key, mouseActions.contains(event.action) { return true }
        return false
    }

    /// True when the binding's scope applies in this state.
    public static func isActive(_ scope: Scope, in state: AppState) -> Bool {
        if state.showHelp { return scope == .help }
        if state.compare.isOpen { return scope == .compare }
        if state.profilePicker != nil { return scope == .profiles }
        if state.list.confirmingDelete != nil { return scope == .confirm }
        if state.list.renaming != nil { return scope == .rename }
        switch scope {
        case .help, .profiles, .confirm, .rename, .compare: return false
        case .replay: return state.isReplaying
        case .rawFilter: return state.focus == .inspector && state.inspector.tab == .raw && state.inspector.isFilteringRaw
        case .raw: return state.focus == .inspector && state.inspector.tab == .raw && !state.inspector.isFilteringRaw
        case .steps: return state.focus == .inspector && state.inspector.tab == .steps
        case .request: return state.focus == .inspector && state.inspector.tab == .request
        case .lint: return state.focus == .inspector && state.inspector.tab == .lint
        case .inspector: return state.focus == .inspector && !state.inspector.isFilteringRaw
        case .filter: return state.focus == .conversations && state.list.isFiltering
        case .results: return state.focus == .conversations && !state.list.isFiltering && state.list.results != nil
        case .conversations: return state.focus == .conversations && !state.list.isFiltering && state.list.results == nil
        case .transcript: return state.focus == .transcript
        case .composer: return state.focus == .composer
        case .notTyping: return !state.isTyping
        case .global: return true
        }
    }
}
