import ChatModel
import TerminalUI

/// Everything that can happen to the workbench: keys, commands the keymap resolves them to, and run updates.
///
/// `reduce` is the one function that turns an action into a new state and effects.
public enum Action: Sendable, Equatable {
    /// A key as the terminal reported it; the keymap resolves it.
    case key(Key)
    /// The terminal has a new size.
    case resize(Size)

    case focus(Pane)
    case focusNext
    case focusPrevious
    case toggleHelp
    case closeHelp
    case quit
    case send
    case cancelRun
    /// Ask again for a reply to the last user message.
    case regenerate
    case newConversation
    case startFilter
    /// Leaves filter typing; `keep` false also clears the filter.
    case endFilter(keep: Bool)
    /// Edits the composer, or the filter while it is being typed.
    case edit(Edit)
    /// Moves the selection in the focused list (conversations, raw records) by rows.
    case moveSelection(Int)
    case selectTab(InspectorTab)
    case nextTab
    case previousTab
    /// Scrolls the transcript by pages (positive goes back in time).
    case scrollTranscript(pages: Int)
    /// Scrolls the transcript by lines (positive goes back in time).
    case scrollTranscriptLines(Int)
    case toggleRawExpanded

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
    /// A stored conversation could not be read.
    case conversationLoadFailed(id: String, reason: String)

    /// One composer or filter editing operation.
    public enum Edit: Sendable, Equatable {
        case insert(String)
        case backspace
        case delete
        case left
        case right
        case home
        case end
        case deleteToStart
        case deleteWord
    }
}
