import ArgumentParser
import Sessions

/// `parley conversations rename`: gives a stored conversation a new title, and with `--remote` on the server too.
struct RenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Give a stored conversation a new title (with --remote, on the server too).",
        discussion: """
            --remote renames a Dify conversation or Helix session on its server first, through the profile it was \
            stored with unless --profile or --base-url says otherwise; the local title changes only if that works.
            """)

    @OptionGroup var storage: StoreOptions

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "Rename it on the provider's server too (Dify, Helix).")
    var remote = false

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    @Argument(help: "The new title.")
    var title: [String]

    func run() async throws {
        let newTitle = title.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !newTitle.isEmpty else { throw ValidationError("The new title is empty; give some words after the id.") }
        let (store, id) = try storage.conversation(self.id)
        guard let conversation = try store.conversation(id: id) else { throw ValidationError("Conversation \(id) vanished.") }
        if remote {
            let (provider, remoteID, client) = try RemoteEndpoint.provider(for: conversation, options: endpoint)
            do {
                let serverTitle = try await RemoteConversationActions(client: client)
                    .rename(remoteID: remoteID, to: newTitle, with: provider)
                writeText("Renamed \(provider.kind) conversation \(remoteID) on the server: “\(serverTitle)”\n")
            } catch {
                writeNote("could not rename \(remoteID) on the server, so the local title is unchanged: \(error)")
                throw ExitCode(1)
            }
        }
        try store.rename(conversation: id, to: newTitle)
        writeText("Renamed \(ConversationListing.shortID(id)): “\(conversation.title)” → “\(newTitle)”\n")
    }
}
