import ChatModel

/// Replay in the screen: opening a tape, playing it at its pace, stepping one record on or back, and leaving.
///
/// The replay fills a conversation of its own (the user's message, if known, and the reply), which the
/// transcript and inspector show like any other; only `reduce` moves it, and the app loop only carries out
/// the waits it asks for (`Effect.replayWait`) and answers each with `Event.replayTick`.
extension AppState {
    /// Why `R` cannot replay the inspected reply, or `nil` when it can.
    public var replayUnavailableReason: String? {
        if replay != nil { return "Already replaying; Esc leaves the replay." }
        guard let reply = inspectedReply else { return "There is no reply to replay yet." }
        if reply.status == .streaming { return "This reply is still streaming; replay it once it has ended." }
        guard let log = current.logs[reply.id] else {
            return "This reply has no recorded stream (typed or imported history)."
        }
        if log.recordCount == 0 { return "This reply has no raw records to replay." }
        return nil
    }

    /// Replays the inspected reply: at once from its log when every record is in memory, else from the store.
    mutating func openReplay() -> [Effect] {
        if let reason = replayUnavailableReason {
            notice = reason
            return []
        }
        guard let reply = inspectedReply, let log = current.logs[reply.id] else { return [] }
        let prompt = promptBefore(reply.id)
        pendingReplay = reply.id
        if log.firstKeptRecord == 0 {
            let tape = ReplayTape(
                source: .reply(messageID: reply.id), title: "Replay", provider: "", prompt: prompt, runID: log.id.value,
                records: log.records,
                status: log.httpStatus, headAt: log.metrics.timeToFirstByte)
            return replayLoaded(tape)
        }
        notice = "Reading the reply's records from the store…"
        return [.loadReplay(runID: log.id.value, messageID: reply.id)]
    }

    /// Opens a tape that arrived (from the command line, or read from the store for `R`).
    mutating func replayLoaded(_ tape: ReplayTape) -> [Effect] {
        let origin: ReplayState.Origin
        var tape = tape
        switch tape.source {
        case .file:
            origin = .commandLine
        case .reply(let messageID):
            guard replay == nil, pendingReplay == messageID, current.messages.contains(where: { $0.id == messageID }) else {
                return []
            }
            if tape.prompt == nil { tape.prompt = promptBefore(messageID) }
            tape.title = "Replay: " + current.conversation.title
            tape.provider = current.conversation.provider
            origin = .conversation(id: currentID, selection: transcript.selection, focus: focus)
        }
        pendingReplay = nil
        let conversationID: String
        if origin == .commandLine, !current.isStored, current.messages.isEmpty {
            conversationID = currentID
            conversations[currentIndex].conversation.title = tape.title
            conversations[currentIndex].conversation.provider = tape.provider
        } else {
            conversationID = makeID("replay")
            let conversation = Conversation(
                id: conversationID, title: tape.title, provider: tape.provider, createdAt: .init(timeIntervalSince1970: 0))
            // Kept out of the list as if stored, so the list's rows do not move while it shows.
            conversations.append(ConversationEntry(conversation: conversation, isStored: true))
        }
        let index = conversations.firstIndex { $0.conversation.id == conversationID }!
        var messages: [Message] = []
        if let prompt = tape.prompt, !prompt.isEmpty { messages.append(Message(id: makeID("m"), role: .user, text: prompt)) }
        let messageID = makeID("m")
        let log = tape.log(conversationID: conversationID, messageID: messageID, upTo: 0)
        conversations[index].messages = messages + [log.reply]
        conversations[index].logs = [messageID: log]
        select(conversationID)
        focus = .transcript
        inspector.requestFor = nil
        if let request = tape.request {
            inspector.request = request
            inspector.requestFor = tape.runID
            inspector.requestAnswered = true
        }
        replay = ReplayState(tape: tape, conversationID: conversationID, messageID: messageID, origin: origin)
        notice = tape.isTimed ? replay?.shortenedNotice : "This file carries no timing: its records play at once; b steps back."
        return scheduleReplay()
    }

    /// The reply's store read failed.
    mutating func replayLoadFailed(_ reason: String) {
        pendingReplay = nil
        notice = "Could not replay this reply: \(reason)"
    }

    /// Space: pauses or plays; at the end, plays again from the start.
    mutating func toggleReplayPause() -> [Effect] {
        guard var state = replay else { return [] }
        _ = state.invalidateWait()
        if state.isAtEnd {
            state.setPosition(0)
            state.setPaused(false)
            replay = state
            showReplayPosition()
        } else {
            state.setPaused(!state.isPaused)
            replay = state
        }
        return scheduleReplay()
    }

    /// `n` and `b`: pauses, and shows one record more or one fewer.
    mutating func stepReplay(by delta: Int) -> [Effect] {
        guard var state = replay else { return [] }
        _ = state.invalidateWait()
        state.setPaused(true)
        let target = state.position + delta
        guard target >= 0, target <= state.count else {
            replay = state
            notice = target < 0 ? Self.replayAtStart : Self.replayAtEnd
            return []
        }
        let forward = target == state.position + 1
        state.setPosition(target)
        replay = state
        if forward { advanceReplayLog(to: target) } else { showReplayPosition() }
        return []
    }

    /// `+` and `-`: twice or half as fast, within the speeds `--speed` takes.
    mutating func changeReplaySpeed(by steps: Int) -> [Effect] {
        guard var state = replay else { return [] }
        guard state.tape.isTimed else {
            notice = Self.replayUntimed
            return []
        }
        let wanted = state.speed * (steps > 0 ? 2 : 0.5)
        let speed = min(max(wanted, ReplayPacing.speeds.lowerBound), ReplayPacing.speeds.upperBound)
        guard speed != state.speed else {
            notice = "Already at the \(steps > 0 ? "fastest" : "slowest") speed, \(ReplayState.speedLabel(speed))."
            return []
        }
        _ = state.invalidateWait()
        state.setSpeed(speed)
        replay = state
        notice = "Replay speed \(ReplayState.speedLabel(speed))." + (state.shortenedNotice.map { " " + $0 } ?? "")
        return scheduleReplay()
    }

    /// A wait ended: shows the records now due and asks for the wait before the next.
    mutating func replayTick(generation: Int) -> [Effect] {
        guard let state = replay, state.generation == generation, !state.isPaused, !state.isAtEnd else { return [] }
        let shown = state.position
        let end = state.batchEnd(after: shown)
        replay?.setPosition(end)
        advanceReplayLog(to: end)
        guard let after = replay, !after.isAtEnd else { return [] }
        return [.replayWait(seconds: after.wait(from: shown, to: end), generation: generation)]
    }

    /// Esc or `q`: back to the conversation the replay came from, or out of `parley replay`.
    mutating func leaveReplay() -> [Effect] {
        guard let state = replay else { return [] }
        replay = nil
        switch state.origin {
        case .commandLine:
            quitRequested = true
            return [.quit]
        case .conversation(let id, let selection, let focus):
            dropReplayConversation(state)
            select(id)
            transcript.selection = selection
            self.focus = focus
            notice = "Left the replay."
            return []
        }
    }

    /// After any action: a replay whose conversation is no longer shown (another was opened) ends.
    mutating func replayFollowUp() {
        guard let state = replay, currentID != state.conversationID, case .conversation = state.origin else { return }
        replay = nil
        dropReplayConversation(state)
    }

    static let replayAtStart = "No record is shown yet; n shows the first."
    static let replayAtEnd = "That was the last record; b goes back, Space plays it again."
    static let replayUntimed = "This file carries no timing, so it has no speed; n and b step through it."

    /// The wait before the next record, when the replay plays.
    private mutating func scheduleReplay() -> [Effect] {
        guard let state = replay, !state.isPaused, !state.isAtEnd else { return [] }
        return [.replayWait(seconds: state.wait(from: state.position - 1 >= 0 ? state.position - 1 : nil, to: state.position),
                            generation: state.generation)]
    }

    /// Folds the records from the log's count up to `position` into the replay's log, and shows the reply; a
    /// transcript scrolled back stays where it is, as while a reply streams.
    private mutating func advanceReplayLog(to position: Int) {
        keepingReadingPlace { $0.foldReplayRecords(upTo: position) }
    }

    private mutating func foldReplayRecords(upTo position: Int) {
        guard let state = replay, let c = conversations.firstIndex(where: { $0.conversation.id == state.conversationID }),
              let m = conversations[c].messages.firstIndex(where: { $0.id == state.messageID }),
              var log = conversations[c].logs.removeValue(forKey: state.messageID)
        else { return }
        let records = state.tape.records
        while log.recordCount < position, log.recordCount < records.count { log.append(records[log.recordCount]) }
        if position >= records.count { log.end() }
        conversations[c].messages[m] = log.reply
        conversations[c].logs[state.messageID] = log
    }

    /// Folds the shown records again from the start (going back, or playing again).
    private mutating func showReplayPosition() {
        keepingReadingPlace { $0.refoldReplay() }
    }

    private mutating func refoldReplay() {
        guard let state = replay, let c = conversations.firstIndex(where: { $0.conversation.id == state.conversationID }),
              let m = conversations[c].messages.firstIndex(where: { $0.id == state.messageID })
        else { return }
        let log = state.tape.log(conversationID: state.conversationID, messageID: state.messageID, upTo: state.position)
        conversations[c].messages[m] = log.reply
        conversations[c].logs[state.messageID] = log
    }

    private mutating func dropReplayConversation(_ state: ReplayState) {
        guard case .conversation = state.origin else { return }
        conversations.removeAll { $0.conversation.id == state.conversationID }
    }

    /// The user's message a reply answered: the message before it, when that is the user's.
    private func promptBefore(_ messageID: String) -> String? {
        let messages = current.messages
        guard let index = messages.firstIndex(where: { $0.id == messageID }) else { return nil }
        return messages[..<index].last { $0.role == .user }?.text
    }
}
