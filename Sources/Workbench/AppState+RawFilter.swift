import ChatModel

/// The Raw tab's `/` filter: typing it, and keeping its matches up to date as records arrive.
extension AppState {
    mutating func startRawFilter() {
        inspector.isFilteringRaw = true
        inspector.rawExpanded = false
    }

    mutating func endRawFilter(keep: Bool) {
        inspector.isFilteringRaw = false
        if !keep { inspector.rawFilter = RawFilter() }
    }

    /// Edits the filter; the matches are found again from the start.
    mutating func editRawFilter(_ edit: Intent.Edit) {
        inspector.rawFilter.field.apply(edit)
        inspector.rawFilter = RawFilter(text: inspector.rawFilter.text)
        inspector.rawSelection = nil
    }

    /// Checks the records that arrived since the last check (all kept ones after an edit or another reply).
    /// Records no longer in memory are not searched: the filter covers the newest records the screen keeps.
    mutating func refreshRawMatches() {
        guard inspector.rawFilter.isActive, let log = inspectedLog else { return }
        if inspector.rawFilter.runID != log.id.value || inspector.rawFilter.checked > log.recordCount {
            inspector.rawFilter = RawFilter(text: inspector.rawFilter.text)
            inspector.rawFilter.runID = log.id.value
        }
        let start = max(inspector.rawFilter.checked, log.firstKeptRecord)
        guard start < log.recordCount else { return }
        let needle = inspector.rawFilter.text.lowercased()
        for index in start..<log.recordCount {
            if let record = log.record(at: index), RecordSummary.matches(record, needle) {
                inspector.rawFilter.matches.append(index)
            }
        }
        inspector.rawFilter.checked = log.recordCount
    }

    /// The id of the step chosen in the Steps tab, whose records the Raw tab marks.
    public var selectedStepID: String? {
        guard let index = inspector.stepSelection, let steps = inspectedReply?.steps, steps.indices.contains(index) else { return nil }
        return steps[index].id
    }

    /// Moves the selected step in the Steps tab's timeline.
    mutating func moveStepSelection(by delta: Int) -> [Effect] {
        let count = inspectedReply?.steps.count ?? 0
        guard count > 0 else { return [] }
        let current = inspector.stepSelection ?? (delta > 0 ? -1 : count)
        inspector.stepSelection = min(max(0, current + delta), count - 1)
        return []
    }

    /// Opens the selected step whole, or goes back to the timeline.
    mutating func toggleStepExpanded() {
        if inspector.stepSelection == nil { inspector.stepSelection = 0 }
        inspector.stepExpanded.toggle()
        inspector.scroll = 0
    }
}
