import TerminalUI

/// The mouse: a click focuses the pane under the pointer and selects what it points at (a second click on
/// the selected match, record or step opens it, and on a reply unfolds its reasoning and steps, as Enter
/// does); the wheel scrolls the pane under the pointer without moving the focus.
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
            let first = MouseTarget.listBody(self).map { SearchResultsView.page(self, height: $0.height).first } ?? 0
            list.resultSelected = index
            list.resultAnchor = ListAnchor(row: index, offset: first)
        case .message(let id):
            if id == transcript.selection, foldingUnavailableReason == nil {
                toggleFolding()
                return []
            }
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
            return keepingRows { $0.inspector.rawSelection = index } + loadSelectedRecord()
        case .finding(let index):
            if index == inspector.lint.selection { return showFindingInRaw() }
            inspector.lint.selection = index
        case .step(let index):
            if index == inspector.stepSelection {
                toggleStepExpanded()
            } else {
                _ = keepingRows { $0.inspector.stepSelection = index }
            }
        }
        return []
    }

    /// Changes the Raw list's or the Steps timeline's selection without scrolling rows that are in view: the
    /// list is anchored where it stood (`ListAnchor`), and scrolls only when the selection leaves the view.
    private mutating func keepingRows(_ change: (inout AppState) -> [Effect]) -> [Effect] {
        guard let body = MouseTarget.inspectorParts(self)?.body else { return change(&self) }
        if inspector.tab == .steps {
            let count = StepsTab.rowCount(self)
            let before = StepsTab.timelineOffset(self, count: count, height: body.height)
            let effects = change(&self)
            let selected = inspector.stepSelection.map { min($0, count - 1) } ?? count - 1
            inspector.stepAnchor = ListAnchor(
                row: selected, offset: ListView.offset(selected: selected, count: count, height: body.height, previous: before))
            return effects
        }
        let before = RawTab.Regions(self, in: body).offset
        let effects = change(&self)
        let after = RawTab.Regions(self, in: body)
        if let row = after.selectedRow {
            inspector.rawAnchor = ListAnchor(
                row: row, offset: ListView.offset(selected: row, count: after.count, height: after.list.height, previous: before))
        }
        return effects
    }

    private mutating func keepingRows(_ change: (inout AppState) -> Void) -> [Effect] {
        keepingRows { change(&$0); return [] }
    }

    /// The page of records around the selection, when the selected record is not in memory.
    private func loadSelectedRecord() -> [Effect] {
        guard let log = inspectedLog, let index = selectedRecordIndex, inspectedRecord(at: index) == nil else { return [] }
        return [.loadRecords(runID: log.id.value, range: RawPage.range(around: index, count: log.recordCount))]
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
            if inspector.tab == .raw || inspector.tab == .steps {
                return keepingRows { $0.moveInspectorSelection(by: rows) }
            }
            return moveInspectorSelection(by: rows * Self.wheelLines)
        case .composer:
            break
        }
        return []
    }
}
