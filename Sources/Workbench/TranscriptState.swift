/// The transcript's own state: how far it is scrolled back, which message is selected, and how replies are
/// shown.
public struct TranscriptState: Sendable, Equatable {
    /// Lines scrolled up from the bottom; 0 follows new text as it streams. While it is above 0, streamed
    /// lines are added to it, so what the user reads stays where it is (scroll lock).
    public var scrollBack = 0
    /// The id of the selected message (`[` and `]`); `nil` follows the newest, and the inspector shows the
    /// newest reply.
    public var selection: String?
    /// Replies whose reasoning and steps are shown whole instead of as one-line summaries.
    public var unfolded: Set<String> = []
    /// True when text arrived below while the user was scrolled back; cleared on return to the newest line.
    public var newTextBelow = false
    /// The replies shown as their Markdown source (`m`) rather than rendered, by message id.
    public var source: Set<String> = []
    /// Replies that ended while their last block was too long to parse per frame: they are shown as while
    /// streaming until their complete Markdown, rendered off the screen's thread, arrives (`replyRendered`).
    public var rendering: Set<String> = []

    public init() {}
}
