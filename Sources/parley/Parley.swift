import ArgumentParser

/// The `parley` command: the workbench by default, plus scriptable subcommands.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A terminal workbench for chat and agent APIs: stream, inspect, replay.",
        discussion: ExitStatus.helpText,
        subcommands: [
            WorkbenchCommand.self, SendCommand.self, ConversationsCommand.self, ExportCommand.self, ReplayCommand.self,
            FeedbackCommand.self, AppCommand.self, ServeFixturesCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self)

    /// Runs the chosen command; a config or store failure exits with its own status and no usage text
    /// (ArgumentParser would print every thrown error with the usage and status 64, or 1).
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let classified = CommandFailure.classify(error)
            if let failure = classified as? CommandFailure { failure.exit() }
            exit(withError: classified)
        }
    }
}
