import TerminalUI

/// The mouse: a click focuses the pane under the pointer and selects what it points at (a second click on
/// the selected match, record or step opens it, as Enter does); the wheel scrolls the pane under the pointer
/// without moving the focus.
extension AppState {
    /// Lines the transcript and the inspector's text move per wheel notch; lists move one row.
    static let wheelLines = 3

    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        guard let target = MouseTarget.at(column: event.column, row: event.row, in: self) else { return [] }
        switch event.action {
        case .press: return click(target)
        case .wheelUp: return wheel(target, back: true)
        case .wheelDown: return wheel(target, back: false)
        }
    }

    private mutating func click(_ target: MouseTarget) -> [Effect] {
        switch target {
        case .searchField, .searchResult:
            inspector.isFilteringRaw = false
        default:
            leaveFilter()
        }
        focus = target.pane
        switch target {
        case .paneTab, .pane, .inspectorDetail:
            return []
        case .conversation(let index):
            list.selected = index
            return openSelectedRow()
        case .searchField:
            list.isFiltering = true
            if list.results == nil { list.results = [] }
        case .searchResult(let index):
            if index == list.resultSelected { return openSelectedResult() }
            list.resultSelected = index
        case .message(let id):
            let before = inspectedReply?.id
            transcript.selection = id
            if inspectedReply?.id != before { resetInspectorForReply() }
        case .inspectorTab(let tab):
            selectTab(tab)
        case .record(let index):
            if index == selectedRecordIndex {
                toggleRawExpanded()
                return []
            }
            inspector.rawSelection = index
            guard let log = inspectedLog, inspectedRecord(at: index) == nil else { return [] }
            return [.loadRecords(runID: log.id.value, range: RawPage.range(around: index, count: log.recordCount))]
        case .step(let index):
            if index == inspector.stepSelection {
                toggleStepExpanded()
            } else {
                inspector.stepSelection = index
            }
        }
        return []
    }

    private mutating func wheel(_ target: MouseTarget, back: Bool) -> [Effect] {
        let rows = back ? -1 : 1
        if case .paneTab = target { return [] }
        switch target.pane {
        case .conversations:
            return moveConversationSelection(by: rows)
        case .transcript:
            scrollTranscript(lines: back ? Self.wheelLines : -Self.wheelLines)
        case .inspector:
            if target == .inspectorDetail, inspector.tab == .raw || inspector.tab == .steps {
                scrollInspector(by: rows * Self.wheelLines)
                return []
            }
            let textTab = inspector.tab != .raw && inspector.tab != .steps
            return moveInspectorSelection(by: textTab ? rows * Self.wheelLines : rows)
        case .composer:
            break
        }
        return []
    }
}
