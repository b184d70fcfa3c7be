import ChatModel
import TerminalUI

/// The whole workbench state: conversations, one sub-state per pane, focus, and the turn in flight.
///
/// Only `reduce` changes it (design.md, house rule 1); `Screen.render` reads it.
public struct AppState: Sendable {
    public var conversations: [ConversationEntry]
    /// The conversation the transcript and inspector show.
    public var currentID: String
    public var list = ConversationListState()
    public var transcript = TranscriptState()
    public var inspector = InspectorState()
    public var composer = ComposerState()
    public var focus = Pane.composer
    /// Zoom, the hidden inspector and the pane widths the user chose (`z`, `i`, `<` and `>`).
    public var panes = LayoutState()
    /// True when the terminal reports clicks and the wheel (`mouse:` in the config, `--no-mouse`).
    public var mouseEnabled = false
    public var showHelp = false
    /// How many lines the help overlay is scrolled down, when it is taller than the screen.
    public var helpScroll = 0
    /// A short message for the status bar: why a key did nothing, or what just happened.
    public var notice: String?
    /// Why writing to the store fails, while it does: shown in the status bar until writes succeed again.
    public var storeProblem: String?
    /// What the workbench talks to, shown in the status bar.
    public var endpoint: String
    /// The profile runs go through (`nil` for an endpoint given by flags); a stored conversation of another
    /// profile belongs to another app or end user and is not continued from here.
    public var profile: String?
    /// The environment variable this profile's key is read from; a copied `curl` command names it.
    public var keyVariable: String?
    /// The provider kind runs go to (`dify`, `openai`, …), when the app knows it.
    public var providerKind: String?
    public var activeRun: ActiveRun?
    public var quitRequested = false
    /// What the process exits with: 0, or 128 + the signal that ended it.
    public var exitStatus: Int32 = 0
    public var size: Size
    /// How many raw records of a reply stay in memory (see `RunLog.recordLimit`): with a store, older ones
    /// are paged back for the Raw tab, so a long stream does not grow memory; `nil` keeps all.
    public var recordWindow: Int?
    /// The key bindings in force: the keymap's table with the user's own keys (`Keymap.customized`); the
    /// dispatcher, the status bar and the help overlay read this.
    public var bindings: [KeyBinding] = Keymap.bindings
    /// The configured profiles the switcher lists (empty without a config file).
    public var profileChoices: [ProfileChoice] = []
    /// The switcher's selected row while it is open; `nil` when it is closed.
    public var profilePicker: Int?
    /// The reply marked for compare and the open compare view.
    public var compare = CompareState()
    /// The replay on screen (`parley replay`, or `R` on a reply); `nil` in the normal workbench.
    public var replay: ReplayState?
    /// The reply whose records are being read from the store to replay it.
    var pendingReplay: String?
    private var counter = 0

    /// A state with one conversation holding `messages` (or an empty one), followed by `stored`
    /// conversations whose messages load when they are selected.
    public init(
        endpoint: String, messages: [Message] = [], title: String? = nil, stored: [Conversation] = [],
        size: Size = Size(columns: 120, rows: 36), recordWindow: Int? = nil, profile: String? = nil
    ) {
        self.endpoint = endpoint
        self.profile = profile
        self.recordWindow = recordWindow
        self.size = size
        let first = Conversation(
            id: "c1", title: title ?? AppState.title(for: messages), provider: "openai",
            createdAt: .init(timeIntervalSince1970: 0))
        conversations = [ConversationEntry(conversation: first, messages: messages)]
            + stored.map { ConversationEntry(conversation: $0, isLoaded: false, isStored: true) }
        currentID = first.id
        list.total = stored.count
        list.window = ConversationWindow(rows: stored.map { ConversationSummary(conversation: $0) })
        counter = 1
    }

    /// A fresh id with a prefix; deterministic so that tests and snapshots are stable.
    public mutating func makeID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    /// The index of the current conversation.
    public var currentIndex: Int { conversations.firstIndex(where: { $0.conversation.id == currentID }) ?? 0 }

    /// The conversation the transcript shows.
    public var current: ConversationEntry { conversations[currentIndex] }

    /// True while a key types text (composer focused, or the list filter being edited).
    public var isTyping: Bool {
        focus == .composer || (focus == .conversations && list.isFiltering) || list.renaming != nil
            || (focus == .inspector && inspector.isFilteringRaw)
    }

    /// A conversation's title from its first user message.
    static func title(for messages: [Message]) -> String {
        guard let first = messages.first(where: { $0.role == .user }) else { return "New conversation" }
        let line = first.text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "New conversation" : TextWrap.truncate(line, width: 40)
    }
}
