import ArgumentParser

/// The `parley` command: the workbench by default, plus scriptable subcommands.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A terminal workbench for chat and agent APIs: stream, inspect, replay.",
        subcommands: [
            WorkbenchCommand.self, SendCommand.self, ConversationsCommand.self, ExportCommand.self, ReplayCommand.self,
            FeedbackCommand.self, AppCommand.self, ServeFixturesCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self)
}
