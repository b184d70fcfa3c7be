import ArgumentParser
import Sessions

/// `parley conversations delete`: removes a conversation with everything stored for it, without asking.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a conversation with its messages and raw streams from the local store (not the server).",
        discussion: "It does not ask; it prints what it deleted. Export it first if you may want it back.")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() throws {
        let (store, id) = try storage.conversation(self.id)
        let title = try store.conversation(id: id)?.title ?? ""
        let messages = try store.messageCounts(conversations: [id])[id] ?? 0
        try store.delete(conversation: id)
        writeText("Deleted \(id) “\(title)” (\(messages) message\(messages == 1 ? "" : "s") and their raw streams).\n")
    }
}
