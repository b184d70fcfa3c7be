import ChatModel

/// The composer's actions: sending a message and cancelling the reply.
extension AppState {
    /// Adds the typed message and an empty streaming reply, and asks for the turn to start.
    mutating func send() -> [Effect] {
        let prompt = composer.field.text
        guard activeRun == nil, !prompt.allSatisfy(\.isWhitespace) else { return [] }
        if let reason = continuationRefusal {
            notice = reason
            return []
        }
        let index = currentIndex
        if conversations[index].conversation.profile == nil { conversations[index].conversation.profile = profile }
        let userID = makeID("m")
        let replyID = makeID("m")
        let runID = makeID("t")
        let history = conversations[index].messages.filter(\.isHistory).map(\.chatMessage)
            + [ChatMessage(role: .user, content: prompt)]
        conversations[index].messages.append(Message(id: userID, role: .user, text: prompt))
        startReply(replyID, runID: runID, in: index)
        if conversations[index].conversation.title == "New conversation" {
            conversations[index].conversation.title = AppState.title(for: conversations[index].messages)
        }
        activeRun = ActiveRun(id: runID, conversationID: currentID, messageID: replyID)
        composer.field.clear()
        transcript.scrollBack = 0
        transcript.selection = nil
        resetInspectorForReply()
        notice = nil
        return [.startTurn(runID: runID, conversation: conversations[index].conversation, messages: history)]
    }

    /// Why the current conversation cannot take a new turn from here, or `nil` when it can: it is still
    /// loading, or it belongs to another profile (a Dify conversation lives in one app, for one end user, and
    /// the server would answer 404).
    public var continuationRefusal: String? {
        if replay != nil { return AppState.replayIsViewer }
        if !current.isLoaded { return "This conversation is still loading." }
        guard let owner = current.conversation.profile, owner != profile else { return nil }
        let switchHint = profileChoices.contains { $0.name == owner } ? "switch to it with Ctrl-P" : "start Parley with --profile \(owner)"
        return "This conversation belongs to profile \(owner); \(switchHint) to continue it, or Ctrl-N for a new one."
    }

    /// Why `regenerate` cannot act now, or `nil` when it can.
    public var regenerateUnavailableReason: String? {
        if activeRun != nil { return "A reply is streaming." }
        if let reason = continuationRefusal { return reason }
        guard current.messages.contains(where: { $0.role == .user }) else { return "There is no message to answer yet." }
        return nil
    }

    /// Starts a new reply to the last user message; earlier replies stay as the record of what happened.
    mutating func regenerate() -> [Effect] {
        guard regenerateUnavailableReason == nil, let lastUser = current.messages.lastIndex(where: { $0.role == .user }) else {
            return []
        }
        let index = currentIndex
        let history = conversations[index].messages[...lastUser].filter(\.isHistory).map(\.chatMessage)
        let replyID = makeID("m")
        let runID = makeID("t")
        startReply(replyID, runID: runID, in: index)
        activeRun = ActiveRun(id: runID, conversationID: currentID, messageID: replyID)
        transcript.scrollBack = 0
        transcript.selection = nil
        resetInspectorForReply()
        notice = "Asking again…"
        return [.regenerateTurn(runID: runID, conversation: conversations[index].conversation, messages: history)]
    }

    /// Inserts pasted text as text, never as keys: into the filter while it is typed (on one line), else into
    /// the composer with its line breaks, focusing it. Nothing is sent until Enter.
    mutating func paste(_ text: String) {
        if list.renaming != nil {
            list.renaming?.field.insert(PastedText.forLine(text))
        } else if focus == .conversations, list.isFiltering {
            list.filter.insert(PastedText.forLine(text))
        } else {
            focus = .composer
            composer.field.insert(PastedText.forComposer(text))
        }
    }

    /// Asks the turn in flight to stop; the run then ends with a `cancelled` failure.
    mutating func cancelRun() -> [Effect] {
        guard var run = activeRun else { return [] }
        run.cancelling = true
        activeRun = run
        notice = "Cancelling…"
        return [.cancelRun(runID: run.id)]
    }

    /// Adds an empty streaming reply and the log its records fold into.
    private mutating func startReply(_ replyID: String, runID: String, in index: Int) {
        let reply = Message(id: replyID, role: .assistant, status: .streaming)
        conversations[index].messages.append(reply)
        conversations[index].logs[replyID] = RunLog(
            id: RunID(runID), conversationID: conversations[index].conversation.id, reply: reply,
            recordLimit: recordWindow)
    }
}
