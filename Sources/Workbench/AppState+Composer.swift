import ChatModel

/// The composer's actions: sending a message and cancelling the reply.
extension AppState {
    /// Adds the typed message and an empty streaming reply, and asks for the turn to start.
    mutating func send() -> [Effect] {
        let prompt = composer.field.text
        guard activeTurn == nil, !prompt.allSatisfy(\.isWhitespace) else { return [] }
        guard current.isLoaded else {
            notice = "This conversation is still loading."
            return []
        }
        let index = currentIndex
        let userID = makeID("m")
        let replyID = makeID("m")
        let turnID = makeID("t")
        let history = conversations[index].messages.filter { $0.role == .user || !$0.text.isEmpty }
            .map(\.chatMessage) + [ChatMessage(role: .user, content: prompt)]
        conversations[index].messages.append(Message(id: userID, role: .user, text: prompt))
        startReply(replyID, turnID: turnID, in: index)
        if conversations[index].conversation.title == "New conversation" {
            conversations[index].conversation.title = AppState.title(for: conversations[index].messages)
        }
        activeTurn = ActiveTurn(id: turnID, conversationID: currentID, messageID: replyID)
        composer.field.clear()
        transcript.scrollBack = 0
        inspector.rawSelection = nil
        inspector.rawExpanded = false
        notice = nil
        return [.startTurn(turnID: turnID, conversation: conversations[index].conversation, messages: history)]
    }

    /// Why `regenerate` cannot act now, or `nil` when it can.
    public var regenerateUnavailableReason: String? {
        if activeTurn != nil { return "A reply is streaming." }
        if !current.isLoaded { return "This conversation is still loading." }
        guard current.messages.contains(where: { $0.role == .user }) else { return "There is no message to answer yet." }
        return nil
    }

    /// Starts a new reply to the last user message; earlier replies stay as the record of what happened.
    mutating func regenerate() -> [Effect] {
        guard regenerateUnavailableReason == nil, let lastUser = current.messages.lastIndex(where: { $0.role == .user }) else {
            return []
        }
        let index = currentIndex
        let history = conversations[index].messages[...lastUser].filter { $0.role == .user || $0.status == .complete }
            .map(\.chatMessage)
        let replyID = makeID("m")
        let turnID = makeID("t")
        startReply(replyID, turnID: turnID, in: index)
        activeTurn = ActiveTurn(id: turnID, conversationID: currentID, messageID: replyID)
        transcript.scrollBack = 0
        inspector.rawSelection = nil
        inspector.rawExpanded = false
        notice = "Asking again…"
        return [.regenerateTurn(turnID: turnID, conversation: conversations[index].conversation, messages: history)]
    }

    /// Asks the turn in flight to stop; the run then ends with a `cancelled` failure.
    mutating func cancelTurn() -> [Effect] {
        guard var turn = activeTurn else { return [] }
        turn.cancelling = true
        activeTurn = turn
        notice = "Cancelling…"
        return [.cancelTurn(turnID: turn.id)]
    }

    /// Adds an empty streaming reply and the log its records fold into.
    private mutating func startReply(_ replyID: String, turnID: String, in index: Int) {
        let reply = Message(id: replyID, role: .assistant, status: .streaming)
        conversations[index].messages.append(reply)
        conversations[index].logs[replyID] = RunLog(
            id: RunID(turnID), conversationID: conversations[index].conversation.id, reply: reply,
            recordLimit: recordWindow)
    }
}
