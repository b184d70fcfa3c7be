/// The transcript's own state: how far it is scrolled back from the newest line.
public struct TranscriptState: Sendable, Equatable {
    /// Lines scrolled up from the bottom; 0 follows new text as it streams.
    public var scrollBack = 0

    public init() {}
}
