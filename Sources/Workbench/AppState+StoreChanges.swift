import ChatModel

extension AppState {
    /// Takes in what another process changed in the store: conversations it started join the top of the list,
    /// known ones take their new title and times, and the conversation on screen is read again while one of
    /// its replies streams there (a turn through `parley proxy`) or when it changed, so it fills as it arrives.
    mutating func storeChanged(_ stored: [Conversation]) -> [Effect] {
        var fresh: [ConversationEntry] = []
        var reload = false
        for conversation in stored {
            guard let index = conversations.firstIndex(where: { $0.conversation.id == conversation.id }) else {
                fresh.append(ConversationEntry(conversation: conversation, isLoaded: false))
                continue
            }
            let entry = conversations[index]
            let changed = entry.conversation.updatedAt != conversation.updatedAt
            conversations[index].conversation = conversation
            guard entry.isLoaded, changed || entry.isStreaming else { continue }
            if conversation.id == currentID {
                reload = true
            } else {
                conversations[index].isLoaded = false
            }
        }
        conversations.insert(contentsOf: fresh, at: 0)
        return reload ? [.loadConversation(id: currentID)] : []
    }
}
