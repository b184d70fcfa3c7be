import ArgumentParser
import Foundation
import Sessions

/// `parley conversations search`: full-text search over titles and message text.
struct ConversationsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles and message text; best matches first, one per conversation.",
        discussion: """
            Every word matches as a prefix and all must occur; "quoted words" match as a phrase. In text, the \
            matched words are shown in [brackets].
            """)

    @OptionGroup var storage: StoreOptions

    @Flag(help: "One JSON array of objects instead of text.")
    var json = false

    @Flag(help: "Include archived conversations.")
    var all = false

    @Option(help: "Show at most this many conversations.")
    var limit = 20

    @Argument(help: "The words to look for.")
    var query: [String]

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1 (got \(limit)).") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("Give the words to search for, e.g. parley conversations search lighthouse.")
        }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let hits = try storage.open().search(text, limit: limit, includeArchived: all)
        let listing = SearchListing(hits: hits)
        if json {
            FileHandle.standardOutput.write(Data(listing.json.utf8))
        } else if hits.isEmpty {
            writeText("No conversation matches “\(text)”.\n")
        } else {
            writeText(listing.text)
        }
    }
}
