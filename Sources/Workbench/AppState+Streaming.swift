import ChatModel

/// The streaming actions: a run's head, records and end, folded into its reply's run log.
extension AppState {
    /// Folds a turn update into the reply's `RunLog` and shows the reply as it now stands.
    ///
    /// The log is changed in place and the message takes a copy of its reply once per action, so however many
    /// records a frame brings, the reply is copied at most once per frame. While the transcript is scrolled
    /// back, what the user reads stays where it is (`keepingReadingPlace`).
    mutating func applyRunUpdate(_ event: Event) {
        keepingReadingPlace { $0.foldRunUpdate(event) }
    }

    private mutating func foldRunUpdate(_ event: Event) {
        guard let run = activeRun,
              let c = conversations.firstIndex(where: { $0.conversation.id == run.conversationID }),
              let m = conversations[c].messages.firstIndex(where: { $0.id == run.messageID }),
              conversations[c].logs[run.messageID] != nil
        else { return }
        let wasStreaming = conversations[c].messages[m].status == .streaming
        switch event {
        case .runStarted(let id) where id == run.id:
            notice = nil
        case .runStored(let id, let storeRunID) where id == run.id:
            conversations[c].logs[run.messageID]!.id = RunID(storeRunID)
        case .runHead(let id, let status, let time) where id == run.id:
            conversations[c].logs[run.messageID]!.noteHead(status: status, at: time)
        case .runRecords(let id, let records) where id == run.id:
            conversations[c].logs[run.messageID]!.append(contentsOf: records)
            conversations[c].messages[m] = conversations[c].logs[run.messageID]!.reply
            if wasStreaming { deferRenderIfEnded(conversations[c].messages[m], in: conversations[c].conversation.id) }
        case .runEnded(let id) where id == run.id:
            conversations[c].logs[run.messageID]!.end()
            if run.cancelling { conversations[c].logs[run.messageID]!.markCancelled() }
            conversations[c].messages[m] = conversations[c].logs[run.messageID]!.reply
            if wasStreaming { deferRenderIfEnded(conversations[c].messages[m], in: conversations[c].conversation.id) }
            notice = AppState.endNotice(for: conversations[c].messages[m])
            activeRun = nil
        default:
            break
        }
    }

    private static func endNotice(for message: Message) -> String? {
        switch message.status {
        case .cancelled: return "Reply cancelled."
        case .failed: return "Reply failed."
        case .interrupted: return "Reply interrupted."
        case .complete, .streaming: return nil
        }
    }
}
