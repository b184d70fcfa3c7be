import ChatModel
import Sessions
import Store
import TerminalUI
import Workbench

/// What the workbench needs to run: how to run turns, where to keep them, what to call the endpoint, how to look.
public struct AppConfiguration: Sendable {
    public var runner: RunStarter
    /// Where conversations are kept; `nil` keeps nothing (`--no-store`).
    public var store: SQLiteStore?
    /// The provider kind and profile name stored with new conversations.
    public var providerKind: String
    public var profile: String?
    /// Shown in the status bar, e.g. `demo · OpenAI-compatible at http://127.0.0.1:PORT/v1`.
    public var endpointLabel: String
    /// The environment variable the profile reads its key from, named in copied `curl` commands.
    public var keyVariable: String?
    /// Messages the first conversation starts with.
    public var initialMessages: [Message]
    public var theme: Theme
    /// The shortest time between two frames after a key; bursts of records are folded into one frame.
    public var frameInterval: Duration
    /// The shortest time between two frames that only show a stream growing (15 a second): text arriving
    /// faster than this is read in bigger steps, and a paced stream costs a frame per interval instead of one
    /// per chunk.
    public var streamFrameInterval: Duration
    /// True in the real app: SIGINT, SIGTERM and SIGHUP stop the replies, store them and exit (tests leave
    /// the process's signals alone).
    public var handlesSignals: Bool
    /// What frames are paced by.
    public var clock: any FrameClock
    /// How many stored conversations the first screen reads; the rest are paged in as the list scrolls.
    public var storedConversationLimit: Int
    /// The user's keys for named actions (`keys:` in the config file), already checked.
    public var keyBindings: [String: [Key]] = [:]
    /// Whether the workbench may use the mouse (`mouse:` in the config file, `--no-mouse`); `nil` leaves the
    /// default, on.
    public var mouse: Bool?
    /// The profiles the switcher lists (empty: no switcher).
    public var profileChoices: [ProfileChoice] = []
    /// Makes the runner for a profile chosen in the switcher; `nil` when switching is not possible.
    public var switchProfile: (@Sendable (String) async throws -> ProfileTarget)?
    /// How often the store is checked for what other processes wrote (`parley proxy`, `send`); nil never.
    public var storeWatchInterval: Duration?
    /// A recording to open on (`parley replay FILE` on a terminal); leaving its replay quits.
    public var replay: ReplayTape?

    public init(
        runner: RunStarter, store: SQLiteStore? = nil, providerKind: String = "openai", profile: String? = nil,
        endpointLabel: String, keyVariable: String? = nil, initialMessages: [Message] = [], theme: Theme = .standard,
        frameInterval: Duration = .milliseconds(16), streamFrameInterval: Duration = .milliseconds(66),
        storedConversationLimit: Int = 200, clock: any FrameClock = ContinuousFrameClock(), handlesSignals: Bool = false,
        storeWatchInterval: Duration? = .milliseconds(250)
    ) {
        self.storeWatchInterval = storeWatchInterval
        self.runner = runner
        self.store = store
        self.providerKind = providerKind
        self.profile = profile
        self.endpointLabel = endpointLabel
        self.keyVariable = keyVariable
        self.initialMessages = initialMessages
        self.theme = theme
        self.frameInterval = frameInterval
        self.streamFrameInterval = streamFrameInterval
        self.clock = clock
        self.handlesSignals = handlesSignals
        self.storedConversationLimit = storedConversationLimit
    }
}

/// What switching to a profile gives: the runner for its turns, and how to label and store them.
public struct ProfileTarget: Sendable {
    public var runner: RunStarter
    public var providerKind: String
    public var endpointLabel: String

    public init(runner: RunStarter, providerKind: String, endpointLabel: String) {
        self.runner = runner
        self.providerKind = providerKind
        self.endpointLabel = endpointLabel
    }
}
