import ArgumentParser
import Sessions

/// `parley conversations archive`: hides a conversation from lists and search without deleting it.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Hide a conversation from lists and search (--all still shows it); --undo brings it back.")

    @OptionGroup var storage: StoreOptions

    @Flag(help: "Unarchive instead.")
    var undo = false

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() throws {
        let (store, id) = try storage.conversation(self.id)
        try store.setArchived(conversation: id, !undo)
        let title = try store.conversation(id: id)?.title ?? ""
        writeText("\(undo ? "Unarchived" : "Archived") \(ConversationListing.shortID(id)) “\(title)”\n")
    }
}
