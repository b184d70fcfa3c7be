import ChatModel

/// Message selection: `[` and `]` choose a message, the inspector shows the reply it belongs to, and Enter
/// unfolds that reply's reasoning and steps in the transcript.
extension AppState {
    /// The index of the selected message in the current conversation: the chosen one, else the newest.
    public var selectedMessageIndex: Int? {
        let messages = current.messages
        guard !messages.isEmpty else { return nil }
        if let id = transcript.selection, let index = messages.firstIndex(where: { $0.id == id }) { return index }
        return messages.count - 1
    }

    /// The reply the inspector shows: the selected message when it is a reply, the reply to a selected prompt,
    /// or the newest reply while nothing is chosen.
    public var inspectedReply: Message? {
        let messages = current.messages
        guard let id = transcript.selection, let index = messages.firstIndex(where: { $0.id == id }) else {
            return current.latestReply
        }
        return messages[index...].first { $0.role == .assistant } ?? messages[...index].last { $0.role == .assistant }
    }

    /// Which reply the inspector shows, as `reply 2/5`.
    var inspectedReplyLabel: String? {
        guard let id = inspectedReply?.id else { return nil }
        let replies = current.messages.filter { $0.role == .assistant }
        guard let index = replies.firstIndex(where: { $0.id == id }) else { return nil }
        return "reply \(index + 1)/\(replies.count)"
    }

    /// Moves the selection by `delta` messages; moving past the newest follows it again. The transcript scrolls
    /// so that the selected message's first line is in view, and the inspector starts afresh on it.
    mutating func selectMessage(by delta: Int) -> [Effect] {
        let messages = current.messages
        guard let index = selectedMessageIndex else { return [] }
        let target = index + delta
        let before = inspectedReply?.id
        if target >= messages.count - 1 {
            transcript.selection = nil
            transcript.scrollBack = 0
        } else {
            let chosen = max(0, target)
            transcript.selection = messages[chosen].id
            revealMessage(at: chosen)
        }
        if inspectedReply?.id != before { resetInspectorForReply() }
        return []
    }

    /// The inspector's positions belong to one reply; another reply starts at its top.
    mutating func resetInspectorForReply() {
        inspector.rawSelection = nil
        inspector.rawExpanded = false
        inspector.scroll = 0
        inspector.stepSelection = nil
        inspector.stepExpanded = false
        inspector.rawFilter = RawFilter(text: inspector.rawFilter.text)
    }

    /// Scrolls the transcript just enough to show the first line of message `index`.
    private mutating func revealMessage(at index: Int) {
        let body = layout.transcriptBody
        let messages = current.messages
        let after = messages[(index + 1)...].reduce(0) { $0 + transcriptLines(of: $1, width: body.width).count }
        let fromEnd = after + transcriptLines(of: messages[index], width: body.width).count
        if transcript.scrollBack >= fromEnd || transcript.scrollBack + body.height < fromEnd {
            transcript.scrollBack = max(0, fromEnd - body.height)
        }
    }

    /// Unfolds or folds the inspected reply's reasoning and steps.
    mutating func toggleFolding() {
        guard let id = inspectedReply?.id else { return }
        if transcript.unfolded.contains(id) { transcript.unfolded.remove(id) } else { transcript.unfolded.insert(id) }
    }

    /// Why Enter cannot unfold anything in the transcript now, or `nil` when it can.
    var foldingUnavailableReason: String? {
        guard let reply = inspectedReply else { return "No reply to unfold yet." }
        if reply.reasoning.isEmpty, reply.steps.isEmpty { return "This reply has no reasoning or steps to unfold." }
        return nil
    }
}
