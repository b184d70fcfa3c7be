import ArgumentParser

/// `parley conversations`: browse, search, tidy and pull the conversations in the local store.
struct ConversationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversations",
        abstract: "List, search, show, rename, archive, pin, delete and pull stored conversations.",
        discussion: """
            A conversation is named by its id or any unique prefix of it; lists show the first 8 characters.
            """,
        subcommands: [
            ConversationsListCommand.self, ConversationsSearchCommand.self, ConversationsShowCommand.self,
            RenameCommand.self, ArchiveCommand.self, PinCommand.self, DeleteCommand.self, PullCommand.self,
        ],
        defaultSubcommand: ConversationsListCommand.self)
}
