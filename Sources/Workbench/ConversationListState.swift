import TerminalUI

/// The conversation list's own state: a window of the stored list, the selection, search, and list actions.
///
/// The list shows this session's unsaved conversations first, then every stored one (grouped by profile,
/// pinned first, then newest); only `window` of the stored rows is in memory, read from the store as the
/// selection moves (`Effect.loadConversationPage`).
public struct ConversationListState: Sendable, Equatable {
    /// The search text; `/` starts typing it.
    public var filter = TextField()
    /// True while the search text is being typed.
    public var isFiltering = false
    /// First visible row.
    public var offset = 0
    /// The selected row of the whole list (this session's conversations first, then the stored ones).
    public var selected = 0
    /// How many stored conversations the list has in all.
    public var total = 0
    public var window = ConversationWindow()
    /// The page being read (its first row), so a held key asks for it once.
    public var requestedPage: Int?
    /// Bumped when the stored list changes (rename, delete, pin, archive, pull); older pages are dropped.
    public var generation = 0
    /// True when the selected stored row was not in memory; it opens when its page arrives.
    public var opensWhenLoaded = false
    /// A digest of the newest stored conversations when another process last changed the store.
    public var storeStamp: Int?

    /// Matches for the search text, best first; `nil` while no search is shown.
    public var results: [SearchResult]?
    /// The selected match.
    public var resultSelected = 0
    /// Where the matches stood when a click chose the selected one, so they stay under the pointer.
    public var resultAnchor: ListAnchor?
    /// The search text the store is being asked about (results for older text are dropped).
    public var searching: String?
    /// The message to bring into view once the current conversation's messages are there.
    public var jumpToMessage: String?

    /// The conversation waiting for `y` to be deleted.
    public var confirmingDelete: ConfirmDelete?
    /// The new title being typed for a conversation.
    public var renaming: Rename?
    /// The profile whose remote history is being pulled, and the spinner's step.
    public var pulling: String?
    public var spinner = 0

    public init() {}

    /// A conversation to delete once confirmed.
    public struct ConfirmDelete: Sendable, Equatable {
        public var id: String
        public var title: String
    }

    /// A conversation being renamed, with the title typed so far.
    public struct Rename: Sendable, Equatable {
        public var id: String
        public var field: TextField
    }
}
