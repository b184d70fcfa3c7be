import ArgumentParser
import ChatModel
import Foundation

/// The `parley` command: the workbench by default, plus scriptable subcommands.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A terminal workbench for chat and agent APIs: stream, inspect, replay.",
        discussion: ExitStatus.helpText,
        version: ParleyVersion.current,
        subcommands: [
            WorkbenchCommand.self, SendCommand.self, ConversationsCommand.self, ExportCommand.self, ReplayCommand.self, LintCommand.self, CompareCommand.self,
            FeedbackCommand.self, AppCommand.self, ServeFixturesCommand.self, ProxyCommand.self, DoctorCommand.self,
            ConfigCommand.self, ProvidersCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self)

    @Option(help: "Write a debug log to this file: each HTTP request, response head, timing and error, with credentials redacted (any command, anywhere on the line).")
    var logFile: String?

    @Flag(help: "Write the debug log to standard error (or to --log-file), with request bodies (any command).")
    var verbose = false

    /// Runs the chosen command; a config or store failure exits with its own status and no usage text
    /// (ArgumentParser would print every thrown error with the usage and status 64, or 1).
    static func main() async {
        do {
            let (global, arguments) = try GlobalOptions.extract(from: Array(CommandLine.arguments.dropFirst()))
            var command = try await asyncParseAsRoot(arguments)
            try global.install(for: command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let classified = CommandFailure.classify(error)
            if let failure = classified as? CommandFailure { failure.exit() }
            exitShowingControls(classified)
        }
    }

    /// Exits as ArgumentParser's `exit(withError:)` does, but writes an error message with its control
    /// characters made visible: errors quote server replies, file names and stored text, and must not be able
    /// to drive the user's terminal. Help and other clean exits are Parley's own text and go to standard
    /// output unchanged.
    private static func exitShowingControls(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code == .success {
                FileHandle.standardOutput.write(Data((message + "\n").utf8))
            } else {
                FileHandle.standardError.write(Data((ControlSanitizer.printable(message) + "\n").utf8))
            }
        }
        Foundation.exit(code.rawValue)
    }
}
