import ChatModel

/// The streaming actions: a turn's head, records and end, folded into its reply's run log.
extension AppState {
    /// Folds a turn update into the reply's `RunLog` and shows the reply as it now stands.
    ///
    /// The log is changed in place and the message takes a copy of its reply once per action, so however many
    /// records a frame brings, the reply is copied at most once per frame.
    mutating func applyRunUpdate(_ event: Event) {
        guard let turn = activeRun,
              let c = conversations.firstIndex(where: { $0.conversation.id == turn.conversationID }),
              let m = conversations[c].messages.firstIndex(where: { $0.id == turn.messageID }),
              conversations[c].logs[turn.messageID] != nil
        else { return }
        switch event {
        case .runStarted(let id) where id == turn.id:
            notice = nil
        case .runStored(let id, let runID) where id == turn.id:
            conversations[c].logs[turn.messageID]!.id = RunID(runID)
        case .runHead(let id, let status, let time) where id == turn.id:
            conversations[c].logs[turn.messageID]!.noteHead(status: status, at: time)
        case .runRecords(let id, let records) where id == turn.id:
            conversations[c].logs[turn.messageID]!.append(contentsOf: records)
            conversations[c].messages[m] = conversations[c].logs[turn.messageID]!.reply
        case .runEnded(let id) where id == turn.id:
            let failure = turn.cancelling ? ProviderError(kind: .cancelled, message: "Cancelled by the user.") : nil
            conversations[c].logs[turn.messageID]!.end(failure: failure)
            conversations[c].messages[m] = conversations[c].logs[turn.messageID]!.reply
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
