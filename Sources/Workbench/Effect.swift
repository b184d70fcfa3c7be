import ChatModel

/// What `reduce` asks the outside world to do; the app loop carries it out.
public enum Effect: Sendable, Equatable {
    /// Start a turn (its first run) with the conversation so far (ending with the new user message) as history.
    case startTurn(runID: String, conversation: Conversation, messages: [ChatMessage])
    /// Load a stored conversation's messages and raw logs; answered by `conversationLoaded`.
    case loadConversation(id: String)
    /// Ask again for a reply to the conversation's last user message; `messages` is the history up to it.
    case regenerateTurn(runID: String, conversation: Conversation, messages: [ChatMessage])
    /// Read records `range` of a stored run for the Raw tab; answered by `recordsLoaded`.
    case loadRecords(runID: String, range: Range<Int>)
    /// Read a stored run's request and response head for the Request tab; answered by `requestLoaded`.
    case loadRequest(runID: String)
    /// Put these bytes on the user's clipboard (OSC 52 through the terminal).
    case copy([UInt8])
    /// Cancel the run in flight.
    case cancelRun(runID: String)
    /// Make the profile `name` take new turns; answered by `profileSwitched` or `profileSwitchFailed`.
    case switchProfile(name: String)
    /// Leave the app.
    case quit
}
