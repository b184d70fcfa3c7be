import ArgumentParser
import ChatModel
import Foundation
import Sessions

/// `parley conversations show`: one conversation's transcript as readable text.
struct ConversationsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a conversation: every message with its reasoning, steps, citations, files and usage.")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() throws {
        let (store, id) = try storage.conversation(self.id)
        guard let (conversation, messages) = try store.transcript(id: id) else {
            throw ValidationError("Conversation \(self.id) vanished while reading it.")
        }
        writeText(TranscriptRenderer(conversation: conversation, messages: messages).render(.text))
    }
}
