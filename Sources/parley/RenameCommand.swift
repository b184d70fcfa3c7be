import ArgumentParser
import Sessions

/// `parley conversations rename`: gives a stored conversation a new title.
struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Give a stored conversation a new title (locally only).")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    @Argument(help: "The new title.")
    var title: [String]

    func run() throws {
        let newTitle = title.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !newTitle.isEmpty else { throw ValidationError("The new title is empty; give some words after the id.") }
        let (store, id) = try storage.conversation(self.id)
        let old = try store.conversation(id: id)?.title ?? ""
        try store.rename(conversation: id, to: newTitle)
        writeText("Renamed \(ConversationListing.shortID(id)): “\(old)” → “\(newTitle)”\n")
    }
}
