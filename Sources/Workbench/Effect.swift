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
    /// Leave the screen, edit `text` in the user's editor, and come back; answered by `composerEdited` or
    /// `editorFailed`.
    case editComposer(text: String)
    /// Cancel the run in flight.
    case cancelRun(runID: String)
    /// Make the profile `name` take new turns; answered by `profileSwitched` or `profileSwitchFailed`.
    case switchProfile(name: String)
    /// Leave the app.
    case quit
    /// Read stored rows `first ..< first + limit` of the conversation list, leaving out `excluding`, and when
    /// `counting` how many rows there are in all; answered by `conversationPage` with the same `generation`.
    case loadConversationPage(first: Int, limit: Int, excluding: [String], generation: Int, counting: Bool)
    /// Search stored titles and message text; answered by `searchResults`.
    case searchConversations(query: String, limit: Int)
    /// Change a stored conversation (rename, delete, pin, archive); answered by `listChanged` or `listActionFailed`.
    case changeConversation(id: String, ConversationChange)
    /// Pull the profile's remote history into the store in the background; answered by `pullEnded`.
    case pullHistory
    /// Lint a run's records off the screen thread (those not handed over before); answered by `lintFinished`.
    case lint(LintRequest)
    /// Compare two runs (read whole from the store where stored) off the screen thread; answered by
    /// `comparisonLoaded`.
    case compareRuns(CompareRequest)
    /// Read every record of a stored run to replay reply `messageID`; answered by `replayLoaded` or `replayLoadFailed`.
    case loadReplay(runID: String, messageID: String)
    /// Wait `seconds` after the previous wait of the same generation ended (from now for a new generation),
    /// then post `replayTick(generation)`; a wait of a newer generation replaces it.
    case replayWait(seconds: Double, generation: Int)
    /// Render a reply's complete Markdown at this transcript width off the screen's thread
    /// (`TranscriptLayout.prepareComplete`), then post `replyRendered`.
    case renderReply(Message, width: Int)
}
