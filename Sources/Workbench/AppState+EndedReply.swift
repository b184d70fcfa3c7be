import ChatModel

/// A long reply's end: its complete Markdown is rendered off the screen's thread.
///
/// While a reply's last block is too long to parse per frame it is shown as plain wrapped text
/// (`IncrementalMarkdown`). When the reply ends it must be parsed whole once; for a long paragraph that took a
/// frame 100-200 ms, and keys typed meanwhile waited. So the reply keeps its streaming look until
/// `Effect.renderReply` has rendered it on another thread and `Event.replyRendered` says so.
extension AppState {
    /// The reply streaming on screen, if any: the one the active run fills in the conversation shown.
    var streamingReplyID: String? {
        guard let run = activeRun, run.conversationID == currentID,
              current.messages.last(where: { $0.id == run.messageID })?.status == .streaming
        else { return nil }
        return run.messageID
    }

    /// Keeps the streaming look of a reply that this update stopped streaming with its last block shown plain,
    /// so no frame (and no scroll-lock measure) parses it whole on the screen's thread.
    mutating func deferRenderIfEnded(_ message: Message, in conversationID: String) {
        guard message.status != .streaming, conversationID == currentID, !transcript.source.contains(message.id),
              TranscriptLayout.shared.showsPlainTail(message.id)
        else { return }
        transcript.rendering.insert(message.id)
    }

    /// The effect that renders the reply that was streaming (`streamingID`) when this action ended it with
    /// its last block shown plain (`deferRenderIfEnded`); none otherwise.
    func renderEndedReply(_ streamingID: String?) -> [Effect] {
        guard let streamingID, transcript.rendering.contains(streamingID),
              let message = current.messages.last(where: { $0.id == streamingID }), message.status != .streaming
        else { return [] }
        return [.renderReply(message, width: layout.transcriptBody.width)]
    }

    /// Shows a reply's rendered Markdown, keeping the reading place while the transcript is scrolled back.
    mutating func replyRendered(_ messageID: String) {
        guard transcript.rendering.contains(messageID) else { return }
        let message = current.messages.first { $0.id == messageID }
        let before = message.map { transcriptLines(of: $0, width: layout.transcriptBody.width).count }
        transcript.rendering.remove(messageID)
        guard transcript.scrollBack > 0, let message, let before else { return }
        let after = transcriptLines(of: message, width: layout.transcriptBody.width).count
        transcript.scrollBack = max(1, transcript.scrollBack + after - before)
    }
}
