import TerminalUI

/// What lies under the pointer: a pane, and the row or tab in it a click acts on.
///
/// Found from the same geometry the screen is drawn with (`ScreenLayout` and each pane's regions), so a click
/// lands on what the user sees there. Pure: the state and a cell give the target.
enum MouseTarget: Equatable {
    /// A tab of the narrow screen's pane tab bar.
    case paneTab(Pane)
    /// Row `index` of the conversation list.
    case conversation(Int)
    /// The search field above the matches.
    case searchField
    /// Match `index` of a search.
    case searchResult(Int)
    /// A message of the transcript, by id.
    case message(String)
    case inspectorTab(InspectorTab)
    /// Raw record `index` of the inspected reply.
    case record(Int)
    /// The open raw record's or step's text.
    case inspectorDetail
    /// Step `index` of the Steps tab's timeline.
    case step(Int)
    /// Finding `index` of the Lint tab, worst first.
    case finding(Int)
    /// Somewhere else in a pane.
    case pane(Pane)

    /// The pane the target is in.
    var pane: Pane {
        switch self {
        case .paneTab(let pane), .pane(let pane): return pane
        case .conversation, .searchField, .searchResult: return .conversations
        case .message: return .transcript
        case .inspectorTab, .record, .inspectorDetail, .step, .finding: return .inspector
        }
    }

    /// The target at a cell of the screen, or `nil` outside every pane (the status bar).
    static func at(column x: Int, row y: Int, in state: AppState) -> MouseTarget? {
        let layout = state.layout
        let contains = { (rect: Rect?) in rect.map { x >= $0.x && x < $0.maxX && y >= $0.y && y < $0.maxY } ?? false }
        if let bar = layout.paneTabs, contains(bar) {
            let panes = ScreenLayout.tabbedPanes(state.panes)
            let shown = ScreenLayout.shownPane(focus: state.focus, panes: state.panes)
            let tabs = TabBar(titles: panes.map(\.title), active: panes.firstIndex(of: shown) ?? 0, numbered: false)
            return tabs.tab(at: x - bar.x, width: bar.width).map { .paneTab(panes[$0]) }
        }
        if let rect = layout.conversations, contains(rect) { return inList(x: x, y: y, rect: rect, state) ?? .pane(.conversations) }
        if let rect = layout.transcript, contains(rect) { return inTranscript(y: y, rect: rect, state) ?? .pane(.transcript) }
        if let rect = layout.inspector, contains(rect) { return inInspector(x: x, y: y, state) ?? .pane(.inspector) }
        if let rect = layout.composer, contains(rect) { return .pane(.composer) }
        return nil
    }

    /// The list pane's rows (or matches) as drawn, when the pane shows.
    static func listBody(_ state: AppState) -> Rect? {
        guard let rect = state.layout.conversations, !rect.inset(by: 1).isEmpty else { return nil }
        return ConversationListPane.Regions(state, inner: rect.inset(by: 1)).body
    }

    private static func inList(x: Int, y: Int, rect: Rect, _ state: AppState) -> MouseTarget? {
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty, y >= inner.y, y < inner.maxY else { return nil }
        let regions = ConversationListPane.Regions(state, inner: inner)
        if let search = regions.search {
            if y == search.y { return .searchField }
            let body = regions.body
            guard y >= body.y, y < body.maxY else { return nil }
            return SearchResultsView.result(atRow: y - body.y, state, width: body.width, height: body.height).map { .searchResult($0) }
        }
        let body = regions.body
        guard y >= body.y, y < body.maxY else { return nil }
        let lines = ConversationListPane.visibleLines(state, session: state.sessionRows, height: body.height)
        guard y - body.y < lines.count, case .row(let index) = lines[y - body.y] else { return nil }
        return .conversation(index)
    }

    private static func inTranscript(y: Int, rect: Rect, _ state: AppState) -> MouseTarget? {
        let inner = rect.inset(by: 1).insetHorizontally(by: 1)
        guard !inner.isEmpty, y >= inner.y, y < inner.maxY else { return nil }
        let messages = state.current.messages
        let scrolled = state.transcript.scrollBack
        let total = TranscriptLayout.shared.tail(
            messages, width: inner.width, count: inner.height + scrolled, unfolded: state.transcript.unfolded,
            source: state.transcript.source
        ).count
        let end = max(0, total - scrolled)
        let start = max(0, end - inner.height)
        let line = start + y - inner.y
        guard line < end else { return nil }
        var fromEnd = total - line
        for message in messages.reversed() {
            fromEnd -= state.transcriptLines(of: message, width: inner.width).count
            if fromEnd <= 0 { return .message(message.id) }
        }
        return nil
    }

    /// The inspector's tab bar row and the body under it, as `InspectorPane` draws them.
    static func inspectorParts(_ state: AppState) -> (bar: Rect, body: Rect)? {
        guard let rect = state.layout.inspector else { return nil }
        let inner = rect.inset(by: 1).insetHorizontally(by: 1)
        guard inner.height > 1 else { return nil }
        let (bar, body) = inner.splitTop(2)
        return (bar, body)
    }

    private static func inInspector(x: Int, y: Int, _ state: AppState) -> MouseTarget? {
        guard let (bar, body) = inspectorParts(state), y >= bar.y, y < body.maxY, x >= bar.x, x < bar.maxX else { return nil }
        if y == bar.y {
            let tabs = TabBar(titles: state.inspectorTabTitles, active: state.inspector.tab.rawValue)
            return tabs.tab(at: x - bar.x, width: bar.width).flatMap { InspectorTab(rawValue: $0) }.map { .inspectorTab($0) }
        }
        guard y >= body.y else { return nil }
        switch state.inspector.tab {
        case .raw:
            guard let count = state.inspectedLog?.recordCount, count > 0 else { return nil }
            let regions = RawTab.Regions(state, in: body)
            if let detail = regions.detail, y >= detail.y { return .inspectorDetail }
            return regions.record(atY: y, state).map { .record($0) }
        case .steps:
            let count = StepsTab.rowCount(state)
            guard count > 0 else { return nil }
            if state.inspector.stepExpanded, state.inspector.stepSelection != nil { return .inspectorDetail }
            let row = StepsTab.timelineOffset(state, count: count, height: body.height) + y - body.y
            return row < count ? .step(row) : nil
        case .lint:
            return LintTab.finding(atY: y, in: body, state).map { .finding($0) } ?? .inspectorDetail
        default:
            return .inspectorDetail
        }
    }
}

extension Pane {
    /// The name the narrow screen's tab bar shows.
    var title: String {
        switch self {
        case .conversations: return "Conversations"
        case .transcript: return "Transcript"
        case .inspector: return "Inspector"
        case .composer: return "Message"
        }
    }
}

extension StepsTab {
    /// How many rows the timeline has: the reply's steps, or its streamed tool calls not yet assembled.
    static func rowCount(_ state: AppState) -> Int {
        guard let reply = state.inspectedReply else { return 0 }
        return reply.steps.isEmpty ? (state.inspectedLog?.toolCalls.count ?? 0) : reply.steps.count
    }
}
