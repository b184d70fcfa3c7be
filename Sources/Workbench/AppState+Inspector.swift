import ChatModel

/// The inspector's actions: tabs, raw record selection and filtering, steps, copying, and the request.
extension AppState {
    mutating func selectTab(_ tab: InspectorTab) {
        guard tab != inspector.tab else { return }
        inspector.tab = tab
        inspector.scroll = 0
        inspector.rawExpanded = false
        inspector.stepExpanded = false
    }

    /// The log of the reply the inspector shows.
    public var inspectedLog: RunLog? {
        inspectedReply.flatMap { current.logs[$0.id] }
    }

    /// The raw record shown as selected: the chosen one, else the newest (the newest match while filtering).
    public var selectedRecordIndex: Int? {
        guard let count = inspectedLog?.recordCount, count > 0 else { return nil }
        if inspector.rawFilter.isActive {
            let matches = inspector.rawFilter.matches
            guard let last = matches.last else { return nil }
            guard let chosen = inspector.rawSelection, let position = inspector.rawFilter.position(of: chosen) else { return last }
            return matches[position]
        }
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

    /// Moves the raw selection (Raw tab), the step selection (Steps tab) or scrolls the tab (others). Going
    /// past the newest record follows it. A selection among records no longer in memory asks for the page
    /// around it.
    mutating func moveInspectorSelection(by delta: Int) -> [Effect] {
        if inspector.tab == .steps, !inspector.stepExpanded { return moveStepSelection(by: delta) }
        if inspector.tab == .lint { return moveLintSelection(by: delta) }
        guard inspector.tab == .raw else {
            inspector.scroll = max(0, inspector.scroll + delta)
            return []
        }
        guard let log = inspectedLog, log.recordCount > 0, let selected = selectedRecordIndex else { return [] }
        if inspector.rawFilter.isActive {
            let matches = inspector.rawFilter.matches
            guard let position = inspector.rawFilter.position(of: selected) else { return [] }
            let target = position + delta
            inspector.rawSelection = target >= matches.count ? nil : matches[max(0, target)]
        } else {
            let target = selected + delta
            inspector.rawSelection = target >= log.recordCount ? nil : max(0, target)
        }
        guard let index = selectedRecordIndex, inspectedRecord(at: index) == nil else { return [] }
        return [.loadRecords(runID: log.id.value, range: RawPage.range(around: index, count: log.recordCount))]
    }

    /// Scrolls the open record detail or step, or the tab's text.
    mutating func scrollInspector(by delta: Int) {
        inspector.scroll = max(0, inspector.scroll + delta)
    }

    /// Opens or closes the selected record's detail; the detail starts at its top.
    mutating func toggleRawExpanded() {
        inspector.rawExpanded.toggle()
        inspector.scroll = 0
    }

    /// The selected record's exact bytes to the clipboard.
    mutating func copyRecord() -> [Effect] {
        guard let index = selectedRecordIndex, let record = inspectedRecord(at: index) else {
            notice = "That record is still being read from the store."
            return []
        }
        notice = "Copied record #\(index + 1) (\(record.bytes.count) bytes) to the clipboard."
        return [.copy(record.bytes)]
    }

    /// The inspected request as `curl`, with `$VARIABLE` where the key was.
    mutating func copyCurl() -> [Effect] {
        guard let request = inspector.request else {
            notice = "The request is not loaded."
            return []
        }
        let conversation = current.conversation
        let ours = conversation.profile == nil || conversation.profile == profile
        let kind = (ours ? providerKind : nil) ?? conversation.provider
        let variable = (ours ? keyVariable : nil) ?? InspectedRequest.keyVariable(forProvider: kind)
        notice = "Copied the request as curl; it reads the key from $\(variable)."
        return [.copy(Array(request.curlCommand(keyVariable: variable).utf8))]
    }

    /// Work that follows any change: the raw filter checks records that arrived, and the Request tab asks
    /// the store for the inspected run's request when it does not have it.
    mutating func inspectorFollowUp() -> [Effect] {
        refreshRawMatches()
        let debugger = lintFollowUp() + compareFollowUp()
        guard inspector.tab == .request, let log = inspectedLog, inspector.requestFor != log.id.value else { return debugger }
        inspector.requestFor = log.id.value
        inspector.requestAnswered = false
        inspector.request = nil
        return debugger + [.loadRequest(runID: log.id.value)]
    }

    /// Takes in a request read from the store, if it is still the one wanted.
    mutating func requestLoaded(runID: String, _ request: InspectedRequest?) {
        guard runID == inspector.requestFor else { return }
        inspector.request = request
        inspector.requestAnswered = true
    }
}
