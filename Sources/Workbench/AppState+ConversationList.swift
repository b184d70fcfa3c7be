import ChatModel

/// The conversation list's actions: selection, filtering and new conversations.
extension AppState {
    /// Moves the current conversation up or down the (filtered) list; a stored one not yet read is loaded.
    mutating func moveConversationSelection(by delta: Int) -> [Effect] {
        let visible = visibleConversations
        guard !visible.isEmpty else { return [] }
        let position = visible.firstIndex(of: currentIndex) ?? 0
        let target = visible[min(max(0, position + delta), visible.count - 1)]
        select(conversations[target].conversation.id)
        return current.isLoaded ? [] : [.loadConversation(id: currentID)]
    }

    /// Fills in a stored conversation that was read.
    mutating func conversationLoaded(id: String, messages: [Message], logs: [String: RunLog]) {
        guard let index = conversations.firstIndex(where: { $0.conversation.id == id }) else { return }
        conversations[index].messages = messages
        conversations[index].logs = logs
        conversations[index].isLoaded = true
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
