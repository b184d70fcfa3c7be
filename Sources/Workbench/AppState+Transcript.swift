import ChatModel

/// The transcript's actions: scrolling by lines and pages, keeping the reading place while a reply streams,
/// and showing a reply's Markdown source.
extension AppState {
    /// Rows the transcript shows at the current size.
    var transcriptPageHeight: Int { layout.transcriptBody.height }

    /// Scrolls back (positive) or forward (negative), never past the first line or the newest; reaching the
    /// newest line follows new text again.
    mutating func scrollTranscript(lines: Int) {
        let body = layout.transcriptBody
        let total = TranscriptLayout.shared.lineCount(
            current.messages, width: body.width, unfolded: transcript.unfolded, source: transcript.source,
            rendering: transcript.rendering)
        let maximum = max(0, total - body.height)
        transcript.scrollBack = min(max(0, transcript.scrollBack + lines), maximum)
        if transcript.scrollBack == 0 { transcript.newTextBelow = false }
    }

    /// Changes the streaming (or replayed) reply without moving what the user reads: while the transcript is
    /// scrolled back, the lines the reply gains are added to `scrollBack`, and the marker says new text arrived.
    mutating func keepingReadingPlace(_ change: (inout AppState) -> Void) {
        guard transcript.scrollBack > 0, let growing = growingMessageID,
              let old = current.messages.first(where: { $0.id == growing })
        else { return change(&self) }
        let before = transcriptLineCount(of: old)
        change(&self)
        guard let new = current.messages.first(where: { $0.id == growing }), new != old else { return }
        transcript.scrollBack = max(1, transcript.scrollBack + transcriptLineCount(of: new) - before)
        transcript.newTextBelow = true
    }

    /// The reply on screen that changes by itself: the one streaming here, or the one a replay here fills.
    private var growingMessageID: String? {
        if let run = activeRun, run.conversationID == currentID { return run.messageID }
        if let replay, replay.conversationID == currentID { return replay.messageID }
        return nil
    }

    private func transcriptLineCount(of message: Message) -> Int {
        transcriptLines(of: message, width: layout.transcriptBody.width).count
    }

    /// One message's transcript lines as this state shows them: folded or not, rendered or as source.
    func transcriptLines(of message: Message, width: Int) -> MessageLines {
        TranscriptLayout.shared.lines(
            message, width: width, unfolded: transcript.unfolded.contains(message.id),
            source: transcript.source.contains(message.id), rendering: transcript.rendering.contains(message.id))
    }

    /// The reply `m` acts on: the reply the inspector shows (the selected one, else the newest).
    public var markdownSourceTarget: String? { inspectedReply?.id }

    /// Shows a reply's Markdown source, or renders it again.
    public mutating func toggleMarkdownSource(of messageID: String) {
        if transcript.source.contains(messageID) {
            transcript.source.remove(messageID)
        } else {
            transcript.source.insert(messageID)
        }
    }
}
