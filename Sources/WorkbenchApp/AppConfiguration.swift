import ChatModel
import Sessions
import TerminalUI

/// What the workbench needs to run: how to run turns, what to call the endpoint, and how to look.
public struct AppConfiguration: Sendable {
    public var runner: TurnRunner
    /// Shown in the status bar, e.g. `demo · OpenAI-compatible at http://127.0.0.1:PORT/v1`.
    public var endpointLabel: String
    /// Messages the first conversation starts with.
    public var initialMessages: [Message]
    public var theme: Theme
    /// The shortest time between two frames; bursts of records are folded into one frame.
    public var frameInterval: Duration

    public init(
        runner: TurnRunner, endpointLabel: String, initialMessages: [Message] = [], theme: Theme = .standard,
        frameInterval: Duration = .milliseconds(16)
    ) {
        self.runner = runner
        self.endpointLabel = endpointLabel
        self.initialMessages = initialMessages
        self.theme = theme
        self.frameInterval = frameInterval
    }
}
