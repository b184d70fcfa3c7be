import TerminalUI

/// What the user asked for: the keymap turns keys into intents, and `reduce` carries them out.
public enum Intent: Sendable, Equatable {
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
    /// Opens the profile switcher.
    case openProfiles
    case closeProfiles
    /// Moves the switcher's selection by rows.
    case moveProfileSelection(Int)
    /// Makes the selected profile take new turns.
    case chooseProfile
    /// Selects the message before (negative) or after (positive) the selected one; the inspector shows it.
    case selectMessage(Int)
    /// Unfolds or folds the selected reply's reasoning and steps in the transcript.
    case toggleFolding
    /// Shows the selected step whole in the Steps tab, or goes back to the timeline.
    case toggleStepExpanded
    /// Starts typing the Raw tab's record filter.
    case startRawFilter
    /// Leaves the raw filter; `keep` false also clears it.
    case endRawFilter(keep: Bool)
    /// Scrolls an open record detail or step (or the tab's text) by lines.
    case scrollInspector(Int)
    /// Copies the selected raw record's exact bytes to the clipboard.
    case copyRecord
    /// Copies the inspected request as a `curl` command, the key as an environment variable.
    case copyCurl
    /// Copies the selected message's text (`y` in the transcript).
    case copyMessage
    /// Copies the selected message's code block in view, else its last (`Y` in the transcript).
    case copyCodeBlock
    /// Opens the composer's text in the user's editor (`$EDITOR`, `$VISUAL`, else `vi`).
    case editInEditor
    /// Scrolls the help overlay by lines and pages (positive goes down).
    case scrollHelp(lines: Int = 0, pages: Int = 0)
    /// Shows the reply's Markdown source, or renders it again (`AppState.markdownSourceTarget`).
    case toggleMarkdownSource
    /// Inserts pasted text: into the filter while it is typed, else into the composer (focusing it).
    case paste(String)
    /// Conversation list actions (paging, search results, rename, delete, pin, archive, pull).
    case list(ListIntent)
    /// Shows the selected lint finding's record in the Raw tab.
    case showFindingInRaw
    /// Marks the inspected reply for compare, or compares it with the marked one.
    case markForCompare
    case closeCompare
    /// Scrolls the compare view by lines (positive goes down).
    case scrollCompare(Int)
    case scrollComparePages(Int)
    /// Replays the inspected reply from its records (`R`).
    case openReplay
    /// Leaves the replay: back to the reply it came from, or out of `parley replay`.
    case leaveReplay
    /// Pauses or plays the replay.
    case toggleReplayPause
    /// Shows one record more (1) or one fewer (-1), pausing the replay.
    case stepReplay(Int)
    /// Plays twice as fast (positive) or half as fast (negative).
    case changeReplaySpeed(Int)
    /// Zooms the focused pane to the whole screen, or shows all panes again.
    case toggleZoom
    /// Widens (positive) or narrows (negative) the focused pane by steps of `LayoutState.widthStep` columns.
    case resizePane(Int)
    /// Hides the inspector, or shows it again.
    case toggleInspector
    /// A click or wheel notch: focuses and selects what is under the pointer, or scrolls the pane there.
    case mouse(MouseEvent)

    /// One composer or filter editing operation.
    public enum Edit: Sendable, Equatable {
        case insert(String)
        case backspace
        case delete
        case left
        case right
        /// To the line above or below in the composer.
        case up
        case down
        case home
        case end
        case deleteToStart
        case deleteWord
    }
}
