import TerminalUI

/// The conversation list's own state: the filter and whether it is being typed.
public struct ConversationListState: Sendable, Equatable {
    public var filter = TextField()
    public var isFiltering = false
    /// First visible row.
    public var offset = 0

    public init() {}
}
