import ArgumentParser
import Sessions

/// `parley conversations pin`: keeps a conversation at the top of lists.
struct PinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin", abstract: "Keep a conversation at the top of lists; --undo unpins it.")

    @OptionGroup var storage: StoreOptions

    @Flag(help: "Unpin instead.")
    var undo = false

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() throws {
        let (store, id) = try storage.conversation(self.id)
        try store.setPinned(conversation: id, !undo)
        let title = try store.conversation(id: id)?.title ?? ""
        writeText("\(undo ? "Unpinned" : "Pinned") \(ConversationListing.shortID(id)) “\(title)”\n")
    }
}
