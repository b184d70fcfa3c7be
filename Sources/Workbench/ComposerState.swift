import TerminalUI

/// The composer's own state: the message being typed.
public struct ComposerState: Sendable, Equatable {
    public var field = TextField()

    public init() {}
}
