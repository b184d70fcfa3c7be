import ArgumentParser
import Sessions

/// `parley conversations delete`: removes a conversation with everything stored for it, without asking.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a conversation with its messages and raw streams from the local store (with --remote, the server's copy too).",
        discussion: """
            It does not ask; it prints what it deleted. Export it first if you may want it back. --remote deletes \
            the Dify conversation or Helix session on its server first and keeps the local copy if that fails; a \
            Big Hummingbird server that refuses is reported and the local copy is deleted anyway.
            """)

    @OptionGroup var storage: StoreOptions

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "Delete it on the provider's server too (Dify, Helix, Big Hummingbird).")
    var remote = false

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() async throws {
        let (store, id) = try storage.conversation(self.id)
        guard let conversation = try store.conversation(id: id) else { throw ValidationError("Conversation \(id) vanished.") }
        if remote {
            let (provider, remoteID, client) = try RemoteEndpoint.provider(for: conversation, options: endpoint)
            do {
                switch try await RemoteConversationActions(client: client).delete(remoteID: remoteID, with: provider) {
                case .deleted: writeText("Deleted \(provider.kind) conversation \(remoteID) on the server.\n")
                case .refused(let reason): writeNote(reason)
                }
            } catch {
                writeNote("could not delete \(remoteID) on the server, so the local copy is kept: \(error)")
                throw ExitCode(1)
            }
        }
        let messages = try store.messageCounts(conversations: [id])[id] ?? 0
        try store.delete(conversation: id)
        writeText("Deleted \(id) “\(conversation.title)” (\(messages) message\(messages == 1 ? "" : "s") and their raw streams).\n")
    }
}
