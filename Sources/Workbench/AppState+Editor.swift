import TerminalUI

/// Editing the message in the user's own editor (`e`): the app leaves the screen, the editor runs on a copy of
/// the composer's text, and what it saved comes back as the message.
extension AppState {
    /// Asks the app to open the composer's text in the editor; answered by `composerEdited` or `editorFailed`.
    mutating func editInEditor() -> [Effect] {
        guard !composer.inEditor else { return [] }
        composer.inEditor = true
        return [.editComposer(text: composer.field.text)]
    }

    /// Puts the saved text in the composer, cleaned as a paste is, without the line end editors add at the end.
    mutating func composerEdited(_ text: String) {
        composer.inEditor = false
        var cleaned = PastedText.forComposer(text)
        while cleaned.hasSuffix("\n") { cleaned.removeLast() }
        focus = .composer
        guard cleaned != composer.field.text else {
            notice = "The editor left the message unchanged."
            return
        }
        composer.field = TextField(cleaned)
        notice = cleaned.isEmpty ? "The editor emptied the message." : "The edited message is in the composer; Enter sends it."
    }

    /// The editor could not be used; the composer keeps its text, and the notice says why and what to do.
    mutating func editorFailed(_ reason: String) {
        composer.inEditor = false
        focus = .composer
        notice = reason
    }
}
