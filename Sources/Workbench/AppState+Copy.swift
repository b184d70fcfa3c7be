import ChatModel
import Markdown

/// Copying from the transcript: `y` copies the selected message's text, `Y` one of its code blocks.
///
/// The selected message is the one chosen with `[`/`]`, else the newest. Of its code blocks `Y` takes the one
/// in view (the lowest when several are), else its last, and the notice says which, so the user can scroll to
/// another block and copy again.
extension AppState {
    /// The message `y` and `Y` copy: the selected one, else the newest.
    var copyTarget: Message? { selectedMessageIndex.map { current.messages[$0] } }

    /// Why `y` or `Y` cannot copy now, or `nil` when they can.
    var copyUnavailableReason: String? {
        guard let message = copyTarget else { return "No message to copy yet." }
        return message.text.isEmpty ? "The selected message has no text yet." : nil
    }

    /// The selected message's text, as written (a reply's Markdown source), to the clipboard.
    mutating func copyMessage() -> [Effect] {
        guard let message = copyTarget, !message.text.isEmpty else { return [] }
        let what = message.role == .user ? "prompt" : "reply"
        let lines = message.text.split(separator: "\n", omittingEmptySubsequences: false).count
        notice = "Copied the \(what) (\(lines) \(lines == 1 ? "line" : "lines"), \(Format.bytes(message.text.utf8.count))) to the clipboard."
        return [.copy(Array(message.text.utf8))]
    }

    /// A code block of the selected message to the clipboard: the one in view, else its last.
    mutating func copyCodeBlock() -> [Effect] {
        guard let index = selectedMessageIndex else { return [] }
        let blocks = CodeBlock.all(in: current.messages[index].text)
        guard !blocks.isEmpty else {
            notice = "No code block in the selected message; y copies it whole."
            return []
        }
        let chosen = min(codeBlockInView(ofMessageAt: index) ?? blocks.count - 1, blocks.count - 1)
        let block = blocks[chosen]
        let language = block.language.isEmpty ? "" : " " + ControlSanitizer.sanitize(block.language, keepNewlines: false)
        let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false).count
        notice = "Copied code block \(chosen + 1)/\(blocks.count)\(language) (\(lines) \(lines == 1 ? "line" : "lines")) to the clipboard."
        return [.copy(Array(block.text.utf8))]
    }

    /// Which of message `index`'s code blocks is on screen, counted from its first: the lowest with a line in
    /// view; `nil` when none is, or when the message is not shown rendered (a prompt, or a reply's source).
    func codeBlockInView(ofMessageAt index: Int) -> Int? {
        let body = layout.transcriptBody
        let messages = current.messages
        let lines = transcriptLines(of: messages[index], width: body.width)
        let below = messages[(index + 1)...].reduce(0) { $0 + transcriptLines(of: $1, width: body.width).count }
        // Line j of the message is `below + count - j` lines from the end; the view shows those more than
        // `scrollBack` and at most `scrollBack + height` from the end.
        let firstShown = max(0, below + lines.count - transcript.scrollBack - body.height)
        let endShown = min(lines.count, below + lines.count - transcript.scrollBack)
        guard firstShown < endShown else { return nil }
        var ordinal = -1
        var inBlock = false
        var found: Int?
        for j in 0..<endShown {
            let spans = lines[j].spans
            if spans.contains(where: { $0.role == "md.frame" && $0.text.hasPrefix("╭─") }) {
                ordinal += 1
                inBlock = true
            }
            if inBlock, j >= firstShown { found = ordinal }
            if spans.contains(where: { $0.role == "md.frame" && $0.text.hasPrefix("╰─") }) { inBlock = false }
        }
        return found
    }
}
