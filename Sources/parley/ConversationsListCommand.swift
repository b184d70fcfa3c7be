import ArgumentParser
import Foundation
import Sessions

/// `parley conversations list`: the stored conversations, pinned first, then most recently updated.
struct ConversationsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored conversations: pinned first, then the most recently updated.")

    @OptionGroup var storage: StoreOptions

    @Flag(help: "One JSON array of objects instead of a table.")
    var json = false

    @Flag(help: "Include archived conversations.")
    var all = false

    @Option(help: "Show at most this many.")
    var limit = 50

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1 (got \(limit)).") }
    }

    func run() throws {
        let store = try storage.open()
        let conversations = try store.conversations(limit: limit, includeArchived: all)
        let listing = ConversationListing(
            conversations: conversations, messageCounts: try store.messageCounts(conversations: conversations.map(\.id)))
        if json {
            FileHandle.standardOutput.write(Data(listing.json.utf8))
            return
        }
        guard !conversations.isEmpty else {
            let archived = all ? 0 : try store.conversationCount(includeArchived: true)
            writeText(
                archived > 0
                    ? "No conversations, except \(archived) archived (--all shows them).\n"
                    : "No conversations yet. Start one with `parley send --base-url URL \"hello\"`, "
                        + "or pull remote history with `parley conversations pull --provider dify --base-url URL`.\n")
            return
        }
        writeText(listing.table)
        let total = try store.conversationCount(includeArchived: all)
        if total > conversations.count {
            writeNote("showing \(conversations.count) of \(total); --limit \(total) shows them all.")
        }
    }
}
