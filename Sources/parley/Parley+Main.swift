import ArgumentParser
import ChatModel
import Foundation

extension Parley {
    /// Runs the command as ArgumentParser's own `main` does, but writes every error message with its control
    /// characters made visible: errors quote server replies, file names and stored text, and must not be able
    /// to drive the user's terminal. Help and other clean exits are Parley's own text and go to standard
    /// output unchanged.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
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
}
