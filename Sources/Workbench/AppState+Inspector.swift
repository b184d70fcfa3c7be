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
        guard let count = inspectedLog?.records.count, count > 0 else { return nil }
        return min(inspector.rawSelection ?? count - 1, count - 1)
    }

    /// Moves the raw selection (Raw tab) or scrolls the tab (others). Going past the newest record follows it.
    mutating func moveInspectorSelection(by delta: Int) {
        guard inspector.tab == .raw else {
            inspector.scroll = max(0, inspector.scroll + delta)
            return
        }
        guard let count = inspectedLog?.records.count, count > 0, let selected = selectedRecordIndex else { return }
        let target = selected + delta
        inspector.rawSelection = target >= count ? nil : max(0, target)
    }
}
