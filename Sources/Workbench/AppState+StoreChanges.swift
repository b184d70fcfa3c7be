import ChatModel

extension AppState {
    /// Takes in what another process changed in the store: the list is read again around the selection (so
    /// conversations it started appear in their group), open ones take their new title and times, and the
    /// conversation on screen is read again while one of its replies streams there (a turn through `parley
    /// proxy`) or when it changed, so it fills as it arrives.
    mutating func storeChanged(_ stored: [Conversation]) -> [Effect] {
        var reload = false
        for conversation in stored {
            guard let index = conversations.firstIndex(where: { $0.isStored && $0.conversation.id == conversation.id })
            else { continue }
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
        let stamp = Self.stamp(stored)
        let listMoved = stamp != list.storeStamp || list.window.rows.contains { $0.status == .streaming }
        list.storeStamp = stamp
        return (reload ? [.loadConversation(id: currentID)] : []) + (listMoved ? reloadList() : [])
    }

    /// What the list shows of the newest conversations; the list is read again only when it changes (this
    /// workbench's own writes change the file, not this) or while a listed reply streams (its mark must clear).
    private static func stamp(_ stored: [Conversation]) -> Int {
        var hasher = Hasher()
        for conversation in stored {
            hasher.combine(conversation.id)
            hasher.combine(conversation.title)
            hasher.combine(conversation.updatedAt)
            hasher.combine(conversation.pinned)
        }
        return hasher.finalize()
    }
}
