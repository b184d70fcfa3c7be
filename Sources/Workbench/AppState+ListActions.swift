import Foundation
import ChatModel
import TerminalUI

/// Rename, delete (after a question), pin, archive and pull, from the conversation list.
extension AppState {
    /// Carries out a list intent.
    mutating func carryOut(_ intent: ListIntent) -> [Effect] {
        switch intent {
        case .movePages(let pages):
            return moveConversationSelection(by: pages * max(1, listPageHeight - 1))
        case .openResult:
            return openSelectedResult()
        case .closeResults:
            closeResults()
        case .startRename:
            guard let target = listTarget else { return [] }
            list.renaming = .init(id: target.id, field: TextField(target.title))
        case .finishRename(let keep):
            return finishRename(keep: keep)
        case .askDelete:
            guard let target = listTarget else { return [] }
            list.confirmingDelete = .init(id: target.id, title: target.title)
        case .confirmDelete(let yes):
            return confirmDelete(yes)
        case .togglePin:
            return change(\.pinned, "pinned", "unpinned", ConversationChange.pin)
        case .toggleArchive:
            return change(\.archived, "archived", "back from the archive", ConversationChange.archive)
        case .pull:
            guard list.pulling == nil else {
                notice = "Already pulling; the list refreshes when it ends."
                return []
            }
            list.pulling = profile ?? endpoint
            list.spinner = 0
            return [.pullHistory]
        }
        return []
    }

    /// The conversation the list's actions apply to: the selected row (the current conversation).
    var listTarget: (id: String, title: String)? {
        guard listCount > 0 else { return nil }
        switch listRow(list.selected, session: sessionRows) {
        case .session(let index): return (conversations[index].conversation.id, conversations[index].conversation.title)
        case .stored(_, let summary?): return (summary.conversation.id, summary.conversation.title)
        case .stored(_, nil): return nil
        }
    }

    /// The store's id for a conversation of the list, or `nil` for one of this session not stored yet.
    private func storeID(of id: String) -> String? {
        guard let entry = conversations.first(where: { $0.conversation.id == id }) else { return id }
        return entry.isStored ? id : entry.storeID
    }

    private mutating func finishRename(keep: Bool) -> [Effect] {
        guard let rename = list.renaming else { return [] }
        list.renaming = nil
        let title = rename.field.text.trimmingCharacters(in: .whitespaces)
        guard keep else { return [] }
        guard !title.isEmpty else {
            notice = "A title cannot be empty; the old one is kept."
            return []
        }
        if let index = conversations.firstIndex(where: { $0.conversation.id == rename.id }) {
            conversations[index].conversation.title = title
        }
        guard let stored = storeID(of: rename.id) else {
            notice = "Renamed."
            return []
        }
        return [.changeConversation(id: stored, .rename(title))]
    }

    private mutating func confirmDelete(_ yes: Bool) -> [Effect] {
        guard let target = list.confirmingDelete else { return [] }
        list.confirmingDelete = nil
        guard yes else {
            notice = "Kept."
            return []
        }
        guard activeRun?.conversationID != target.id else {
            notice = "A reply is still streaming here; cancel it with Esc first."
            return []
        }
        let stored = storeID(of: target.id)
        conversations.removeAll { $0.conversation.id == target.id }
        if conversations.isEmpty { newConversation() }
        if !conversations.contains(where: { $0.conversation.id == currentID }) { currentID = "" }
        guard let stored else {
            notice = "Deleted."
            return openSelectedRow()
        }
        list.opensWhenLoaded = true
        return [.changeConversation(id: stored, .delete)]
    }

    /// Flips pinned or archived for the selected stored conversation.
    private mutating func change(
        _ flag: KeyPath<Conversation, Bool>, _ on: String, _ off: String, _ make: (Bool) -> ConversationChange
    ) -> [Effect] {
        guard let target = listTarget else { return [] }
        guard let stored = storeID(of: target.id) else {
            notice = "This conversation is stored with its first reply; send a message first."
            return []
        }
        let summary = list.window.rows.first { $0.conversation.id == stored }
        let entry = conversations.first { $0.isNamed(stored) }
        let current = summary?.conversation[keyPath: flag] ?? entry?.conversation[keyPath: flag] ?? false
        return [.changeConversation(id: stored, make(!current))]
    }

    /// Takes in the answer to a list action or a pull.
    mutating func applyListEvent(_ event: Event) -> [Effect]? {
        switch event {
        case .conversationPage(let first, let rows, let total, let generation):
            return conversationPageLoaded(first: first, rows: rows, total: total, generation: generation)
        case .searchResults(let query, let results):
            searchResultsArrived(query: query, results: results)
        case .conversationStored(let id, let storeID):
            if let index = conversations.firstIndex(where: { $0.conversation.id == id }) { conversations[index].storeID = storeID }
        case .listChanged(let text):
            notice = text
            return reloadList()
        case .listActionFailed(let reason):
            notice = reason
            list.opensWhenLoaded = !conversations.contains { $0.conversation.id == currentID }
            return reloadList()
        case .pullEnded(let text):
            list.pulling = nil
            notice = text
            return reloadList()
        case .pullTick:
            if list.pulling != nil { list.spinner += 1 }
        default:
            return nil
        }
        return []
    }
}
