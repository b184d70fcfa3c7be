import ChatModel
import TerminalUI

/// One row of the conversation list.
enum ListRow: Equatable {
    /// A conversation started in this session: its index in `conversations`.
    case session(Int)
    /// Stored row `index` of the whole list, with its summary when that part of the list is in memory.
    case stored(Int, ConversationSummary?)
}

/// The conversation list's actions: paging the stored list, selection, opening, and new conversations.
extension AppState {
    /// Stored rows read in one page.
    static let listPageSize = 200
    /// A new page is read when the selection comes this close to the edge of the rows in memory.
    static let listPageMargin = 40
    /// Stored conversations kept open in memory besides the current one; older ones are read again if reopened.
    static let openStoredLimit = 8

    /// This session's conversations, which the list shows first, as indices into `conversations`.
    var sessionRows: [Int] { conversations.indices.filter { !conversations[$0].isStored } }

    /// How many rows the whole list has.
    var listCount: Int { sessionRows.count + list.total }

    /// Row `index` of the list.
    func listRow(_ index: Int, session: [Int]) -> ListRow {
        index < session.count ? .session(session[index]) : .stored(index - session.count, list.window.row(index - session.count))
    }

    /// The group a row is listed under, or `nil` while its page is being read.
    func listGroup(_ row: ListRow) -> ListLines.Group? {
        switch row {
        case .session: return .session
        case .stored(_, let summary): return summary.map { .profile($0.conversation.profile) }
        }
    }

    /// Rows of the list the pane shows at the current size.
    var listPageHeight: Int {
        let rect = layout.conversations ?? layout.transcriptBody
        return max(1, rect.height - 2 - (list.isFiltering || list.results != nil ? 1 : 0))
    }

    /// Moves the selection by rows (in search results while they show); the conversation under it opens.
    mutating func moveConversationSelection(by delta: Int) -> [Effect] {
        if let results = list.results {
            guard !results.isEmpty else { return [] }
            list.resultSelected = min(max(0, list.resultSelected + delta), results.count - 1)
            return []
        }
        let count = listCount
        guard count > 0 else { return [] }
        let step = max(-count, min(count, delta))
        list.selected = min(max(0, list.selected + step), count - 1)
        return openSelectedRow()
    }

    /// Opens the conversation under the selection and asks for the page around it when it is near the edge
    /// of what is in memory.
    mutating func openSelectedRow() -> [Effect] {
        list.selected = min(max(0, list.selected), max(0, listCount - 1))
        let session = sessionRows
        list.offset = ListOffset.keepVisible(self, session: session, height: listPageHeight)
        var effects = pageEffects(session: session)
        list.opensWhenLoaded = false
        guard listCount > 0 else { return effects }
        switch listRow(list.selected, session: session) {
        case .session(let index):
            select(conversations[index].conversation.id)
        case .stored(_, let summary?):
            effects += open(summary.conversation, at: nil)
        case .stored(_, nil):
            list.opensWhenLoaded = true
        }
        return effects
    }

    /// The page read around the selection when it comes near the edge of the rows in memory.
    private mutating func pageEffects(session: [Int]) -> [Effect] {
        let index = max(0, list.selected - session.count)
        let window = list.window
        let low = max(0, index - Self.listPageMargin)
        let high = min(list.total, index + Self.listPageMargin)
        let covered = low >= window.first && high <= window.first + window.rows.count
        guard !covered, list.total > 0 else { return [] }
        let first = max(0, min(index - Self.listPageSize / 2, list.total - Self.listPageSize))
        if let requested = list.requestedPage, low >= requested, high <= requested + Self.listPageSize { return [] }
        list.requestedPage = first
        return [loadPage(first: first, counting: false)]
    }

    /// Reads the stored rows from `first`, leaving out this session's conversations (they are listed first).
    /// Counting the whole list costs milliseconds on a big store, so pages read while scrolling do not count.
    func loadPage(first: Int, counting: Bool) -> Effect {
        .loadConversationPage(
            first: first, limit: Self.listPageSize, excluding: conversations.compactMap(\.storeID), generation: list.generation,
            counting: counting)
    }

    /// Reads the page around the selection again after the stored list changed.
    mutating func reloadList() -> [Effect] {
        list.generation += 1
        let index = max(0, list.selected - sessionRows.count)
        let first = max(0, index - Self.listPageSize / 2)
        list.requestedPage = first
        return [loadPage(first: first, counting: true)]
    }

    /// Takes in a page of stored rows; opens the selected row if it was waiting for it.
    mutating func conversationPageLoaded(first: Int, rows: [ConversationSummary], total: Int?, generation: Int) -> [Effect] {
        guard generation == list.generation else { return [] }
        if list.requestedPage == first { list.requestedPage = nil }
        list.window = ConversationWindow(first: first, rows: rows)
        if let total {
            list.total = total
        } else if rows.count < Self.listPageSize {
            list.total = first + rows.count
        }
        for row in rows {
            guard let index = conversations.firstIndex(where: { $0.isStored && $0.conversation.id == row.conversation.id })
            else { continue }
            conversations[index].conversation.title = row.conversation.title
            conversations[index].conversation.pinned = row.conversation.pinned
        }
        if list.opensWhenLoaded || list.selected >= listCount { return openSelectedRow() }
        let session = sessionRows
        if list.selected >= session.count, let position = rows.firstIndex(where: { $0.conversation.id == currentID }) {
            list.selected = session.count + first + position
        }
        list.offset = ListOffset.keepVisible(self, session: sessionRows, height: listPageHeight)
        return []
    }

    /// Shows a conversation, opening it from the store when it is not in memory, and brings `messageID` into view.
    mutating func open(_ conversation: Conversation, at messageID: String?) -> [Effect] {
        if let index = conversations.firstIndex(where: { $0.isNamed(conversation.id) }) {
            select(conversations[index].conversation.id)
        } else {
            conversations.append(ConversationEntry(conversation: conversation, isLoaded: false, isStored: true))
            select(conversation.id)
        }
        forgetOldStoredEntries()
        list.jumpToMessage = messageID
        guard current.isLoaded else { return [.loadConversation(id: currentID)] }
        jumpToPendingMessage()
        return []
    }

    /// Drops stored conversations opened earlier beyond `openStoredLimit`, so scrolling through thousands of
    /// rows keeps a few in memory; one with a reply streaming is kept.
    private mutating func forgetOldStoredEntries() {
        let streaming = activeRun?.conversationID
        let stored = conversations.indices.filter {
            conversations[$0].isStored && conversations[$0].conversation.id != currentID
                && conversations[$0].conversation.id != streaming
        }
        guard stored.count > Self.openStoredLimit else { return }
        let drop = Set(stored.prefix(stored.count - Self.openStoredLimit))
        conversations = conversations.indices.filter { !drop.contains($0) }.map { conversations[$0] }
    }

    /// Scrolls the transcript so the message a search result pointed at starts at the top.
    mutating func jumpToPendingMessage() {
        guard let messageID = list.jumpToMessage, current.isLoaded else { return }
        list.jumpToMessage = nil
        let messages = current.messages
        guard let index = messages.firstIndex(where: { $0.id == messageID }) else { return }
        let body = layout.transcriptBody
        let total = TranscriptLayout.shared.lineCount(messages, width: body.width)
        let before = TranscriptLayout.shared.lineCount(Array(messages[..<index]), width: body.width)
        transcript.scrollBack = min(max(0, total - before - body.height), max(0, total - body.height))
    }

    /// Fills in a stored conversation that was read.
    mutating func conversationLoaded(id: String, messages: [Message], logs: [String: RunLog]) {
        guard let index = conversations.firstIndex(where: { $0.conversation.id == id }) else { return }
        conversations[index].messages = messages
        conversations[index].logs = logs
        conversations[index].isLoaded = true
        if id == currentID { jumpToPendingMessage() }
    }

    /// Shows another conversation in the transcript and inspector.
    mutating func select(_ id: String) {
        guard id != currentID else { return }
        currentID = id
        transcript.scrollBack = 0
        transcript.selection = nil
        resetInspectorForReply()
    }

    /// Starts an empty conversation at the top of the list and focuses the composer.
    mutating func newConversation() {
        let id = makeID("c")
        let conversation = Conversation(
            id: id, title: "New conversation", provider: conversations.first?.conversation.provider ?? "openai",
            createdAt: .init(timeIntervalSince1970: 0))
        conversations.insert(ConversationEntry(conversation: conversation), at: 0)
        list.filter.clear()
        list.isFiltering = false
        list.results = nil
        list.selected = 0
        list.offset = 0
        select(id)
        focus = .composer
        notice = "New conversation."
    }

    /// Stops typing the filter (the list's or the Raw tab's), keeping it.
    mutating func leaveFilter() {
        list.isFiltering = false
        inspector.isFilteringRaw = false
    }
}

/// Which row of the list is drawn first: the selection stays in view, and a profile heading takes a row.
enum ListOffset {
    /// The first row to draw so that the selected row is visible under the headings drawn above it.
    static func keepVisible(_ state: AppState, session: [Int], height: Int) -> Int {
        let selected = state.list.selected
        var offset = max(min(state.list.offset, selected), selected - height + 1)
        while offset < selected, !ListLines.lines(state, session: session, from: offset, height: height).contains(.row(selected)) {
            offset += 1
        }
        return max(0, offset)
    }
}

/// The lines the list pane draws: group headings and rows.
enum ListLines {
    /// What a row is listed under: this session, or a profile (`nil` for conversations made without one).
    enum Group: Equatable {
        case session
        case profile(String?)
    }

    enum Line: Equatable {
        /// A heading; `nil` while the group is not known yet (its page is being read).
        case heading(Group?)
        case row(Int)
    }

    /// The lines from row `first`, at most `height`: a heading over the first row, and one wherever the group
    /// changes. A list of this session's conversations alone (no store) has no headings.
    static func lines(_ state: AppState, session: [Int], from first: Int, height: Int) -> [Line] {
        let count = state.listCount
        let headed = state.list.total > 0
        var lines: [Line] = []
        var group: Group?
        var index = first
        while lines.count < height, index < count {
            let known = state.listGroup(state.listRow(index, session: session))
            if headed, lines.isEmpty || (known != nil && known != group) {
                lines.append(.heading(known))
                group = known
                if lines.count == height { break }
            }
            lines.append(.row(index))
            index += 1
        }
        return lines
    }
}
