/// What the user asked of the conversation list beyond moving through it.
public enum ListIntent: Sendable, Equatable {
    /// Moves the selection by pages of the list's height.
    case movePages(Int)
    /// Opens the selected search result at its matching message.
    case openResult
    /// Leaves the search results for the list.
    case closeResults
    case startRename
    /// Ends renaming: `keep` stores the typed title, else it is dropped.
    case finishRename(keep: Bool)
    /// Asks whether to delete the selected conversation.
    case askDelete
    /// Answers the question: `true` deletes.
    case confirmDelete(Bool)
    case togglePin
    case toggleArchive
    /// Pulls the profile's remote history in the background.
    case pull
}

/// A change to a stored conversation made from the list.
public enum ConversationChange: Sendable, Equatable {
    case rename(String)
    case delete
    case pin(Bool)
    case archive(Bool)
}
