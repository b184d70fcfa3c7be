/// The transcript's actions: scrolling by lines and pages.
extension AppState {
    /// Rows the transcript shows at the current size.
    var transcriptPageHeight: Int { layout.transcriptBody.height }

    /// Scrolls back (positive) or forward (negative), never past the first line or the newest.
    mutating func scrollTranscript(lines: Int) {
        let body = layout.transcriptBody
        let total = TranscriptLayout.shared.lineCount(current.messages, width: body.width, unfolded: transcript.unfolded)
        let maximum = max(0, total - body.height)
        transcript.scrollBack = min(max(0, transcript.scrollBack + lines), maximum)
    }
}
