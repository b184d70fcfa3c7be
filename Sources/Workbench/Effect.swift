import ChatModel

/// What `reduce` asks the outside world to do; the app loop carries it out.
public enum Effect: Sendable, Equatable {
    /// Start a turn with the conversation so far (ending with the new user message) as history.
    case startTurn(turnID: String, messages: [ChatMessage])
    /// Cancel the turn in flight.
    case cancelTurn(turnID: String)
    /// Leave the app.
    case quit
}
