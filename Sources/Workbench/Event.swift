import ChatModel
import StreamTools
import TerminalUI

/// What happened outside the user's keys: the terminal, runs streaming, reads from the store.
public enum Event: Sendable, Equatable {
    /// The terminal has a new size.
    case resized(Size)
    /// The run's request went out.
    case runStarted(runID: String)
    /// The run is stored under `storeRunID`, where the Raw tab reads its older records back.
    case runStored(runID: String, storeRunID: String)
    /// The response head arrived `at` seconds after the request.
    case runHead(runID: String, status: Int, at: Double)
    /// Records completed by the latest bytes (several updates may be coalesced into one).
    case runRecords(runID: String, [RawRecord])
    /// The run's update stream ended.
    case runEnded(runID: String)
    /// A stored conversation's messages and the logs of its replies, by message id, arrived.
    case conversationLoaded(id: String, messages: [Message], logs: [String: RunLog])
    /// Records of a stored run arrived for the Raw tab, numbered from `first`.
    case recordsLoaded(runID: String, first: Int, records: [RawRecord])
    /// A stored run's request and response head arrived for the Request tab (`nil`: the run is not stored).
    case requestLoaded(runID: String, InspectedRequest?)
    /// SIGINT, SIGTERM or SIGHUP arrived: stop the replies, store them, and exit with 128 + the signal.
    case terminated(signal: Int32)
    /// Writing to the store fails (the message says why and whether it is tried again; replies go on), or
    /// works again (`nil`).
    case storeProblem(String?)
    /// New turns now go to profile `name`, shown as `endpoint`.
    case profileSwitched(name: String, endpoint: String)
    /// The profile could not be used (its key command failed, its settings are wrong).
    case profileSwitchFailed(name: String, reason: String)
    /// The user's editor saved this text for the composer.
    case composerEdited(text: String)
    /// The editor could not run or failed; the reason says why and what to do. The composer keeps its text.
    case editorFailed(String)
    /// A stored conversation could not be read.
    case conversationLoadFailed(id: String, reason: String)
    /// Stored rows of the conversation list from `first`, and how many there are in all (`nil` when not counted).
    case conversationPage(first: Int, rows: [ConversationSummary], total: Int?, generation: Int)
    /// The store's matches for a search text.
    case searchResults(query: String, results: [SearchResult])
    /// A conversation started in this session was stored under `storeID` with its first turn.
    case conversationStored(id: String, storeID: String)
    /// A list action was carried out; the notice says what happened.
    case listChanged(notice: String)
    /// A list action failed; the reason says why and what to do.
    case listActionFailed(String)
    /// A pull of remote history ended (the notice says what it brought or why it failed), or advanced its spinner.
    case pullEnded(notice: String)
    case pullTick
    /// Another process (`parley proxy`, `parley send`, a second workbench) changed the store: the newest stored
    /// conversations, newest first, without those this workbench started.
    case storeChanged([Conversation])
    /// The lint worker's findings for a run's records.
    case lintFinished(LintResult)
    /// Two runs compared for the compare view that asked with `generation`.
    case comparisonLoaded(generation: Int, RunComparison)
    /// A replay's records are ready: from `parley replay FILE`, or read from the store for `R`.
    case replayLoaded(ReplayTape)
    /// The stored reply could not be read for a replay.
    case replayLoadFailed(String)
    /// The wait asked for by `Effect.replayWait` with this generation ended.
    case replayTick(generation: Int)
    /// A reply's complete Markdown was rendered off the screen's thread (`Effect.renderReply`).
    case replyRendered(messageID: String)
}
