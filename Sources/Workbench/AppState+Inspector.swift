import ChatModel

/// The inspector's actions: tabs, raw record selection and scrolling.
extension AppState {
    mutating func selectTab(_ tab: InspectorTab) {
        guard tab != inspector.tab else { return }
        inspector.tab = tab
        inspector.scroll = 0
        inspector.rawExpanded = false
    }

    /// The log of the reply the inspector shows.
    public var inspectedLog: RunLog? {
        current.latestReply.flatMap { current.logs[$0.id] }
    }

    /// The raw record shown as selected: the chosen one, or the newest while following.
    public var selectedRecordIndex: Int? {
        guard let count = inspectedLog?.recordCount, count > 0 else { return nil }
        return min(inspector.rawSelection ?? count - 1, count - 1)
    }

    /// Record `index` of the inspected reply: from its log while it is kept in memory, else from the page
    /// read back from the store; `nil` while that page is on its way.
    public func inspectedRecord(at index: Int) -> RawRecord? {
        guard let log = inspectedLog else { return nil }
        if let record = log.record(at: index) { return record }
        guard let page = inspector.rawPage, page.runID == log.id.value, index >= page.first,
              index - page.first < page.records.count
        else { return nil }
        return page.records[index - page.first]
    }

    /// Moves the raw selection (Raw tab) or scrolls the tab (others). Going past the newest record follows it.
    /// A selection among records no longer in memory asks for the page around it.
    mutating func moveInspectorSelection(by delta: Int) -> [Effect] {
        guard inspector.tab == .raw else {
            inspector.scroll = max(0, inspector.scroll + delta)
            return []
        }
        guard let log = inspectedLog, log.recordCount > 0, let selected = selectedRecordIndex else { return [] }
        let target = selected + delta
        inspector.rawSelection = target >= log.recordCount ? nil : max(0, target)
        guard let index = selectedRecordIndex, inspectedRecord(at: index) == nil else { return [] }
        return [.loadRecords(runID: log.id.value, range: RawPage.range(around: index, count: log.recordCount))]
    }
}
