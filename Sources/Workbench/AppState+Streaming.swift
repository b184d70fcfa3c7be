import ChatModel

/// The streaming actions: a turn's head, records and end, folded into its reply and log.
extension AppState {
    mutating func applyTurnUpdate(_ action: Action) {
        guard let turn = activeTurn,
              let c = conversations.firstIndex(where: { $0.conversation.id == turn.conversationID }),
              let m = conversations[c].messages.firstIndex(where: { $0.id == turn.messageID })
        else { return }
        switch action {
        case .turnStarted(let id) where id == turn.id:
            notice = nil
        case .turnHead(let id, let status, let time) where id == turn.id:
            conversations[c].logs[turn.messageID, default: TurnLog()].status = status
            conversations[c].logs[turn.messageID, default: TurnLog()].metrics.noteHead(at: time)
        case .turnRecords(let id, let records) where id == turn.id:
            var log = conversations[c].logs[turn.messageID] ?? TurnLog()
            var message = conversations[c].messages[m]
            for record in records {
                log.append(record)
                for event in record.events { message.apply(event) }
            }
            conversations[c].logs[turn.messageID] = log
            conversations[c].messages[m] = message
        case .turnEnded(let id) where id == turn.id:
            var log = conversations[c].logs[turn.messageID] ?? TurnLog()
            log.metrics.finish(at: log.lastArrival ?? log.metrics.timeToFirstByte ?? 0)
            conversations[c].logs[turn.messageID] = log
            if conversations[c].messages[m].status == .streaming {
                let failure = turn.cancelling
                    ? ProviderError(kind: .cancelled, message: "Cancelled by the user.")
                    : ProviderError(kind: .interrupted, message: "The stream ended without an end marker.")
                conversations[c].messages[m].apply(.failed(failure))
            }
            notice = AppState.endNotice(for: conversations[c].messages[m])
            activeTurn = nil
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
