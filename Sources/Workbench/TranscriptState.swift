/// The transcript's own state: how far it is scrolled back, and which message is selected.
public struct TranscriptState: Sendable, Equatable {
    /// Lines scrolled up from the bottom; 0 follows new text as it streams.
    public var scrollBack = 0
    /// The id of the selected message (`[` and `]`); `nil` follows the newest, and the inspector shows the
    /// newest reply.
    public var selection: String?
    /// Replies whose reasoning and steps are shown whole instead of as one-line summaries.
    public var unfolded: Set<String> = []

    public init() {}
}
