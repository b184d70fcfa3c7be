import ArgumentParser
import ChatModel
import Config
import Foundation
import Store

/// The exit statuses `parley` uses, one per kind of trouble, so a script can tell a typo from a broken setup.
///
/// They follow sysexits(3) where it has a name for the trouble; `--help` and the README list them.
enum ExitStatus {
    /// The turn or command did what was asked.
    static let success: Int32 = 0
    /// The run or the server failed (an HTTP error, a reset, a timeout).
    static let failed: Int32 = 1
    /// A flag or argument is wrong (EX_USAGE); only this one prints the usage text.
    static let usage: Int32 = 64
    /// An output file or folder cannot be created (`export --output`) (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// The database cannot be opened, read or written: damaged, read-only, newer, busy (EX_IOERR).
    static let store: Int32 = 74
    /// The config file or a profile in it is wrong, or a profile's key cannot be had (EX_CONFIG).
    static let config: Int32 = 78
    /// Stopped with Ctrl-C (`send`); the workbench exits 128 + the signal.
    static let cancelled: Int32 = 130

    /// The table for `parley --help`.
    static let helpText = """
        Exit status: 0 done; 1 the run or the server failed; 64 a wrong flag or argument (the usage is printed); \
        73 an output file cannot be written; 74 the database cannot be opened, read or written; 78 the config file or a profile is wrong; \
        130 cancelled with Ctrl-C (the workbench exits 128 + the signal that stopped it).
        """
}

/// A failure that is not a usage mistake: it exits with its own status and a one-line message, without the
/// usage text (`Parley.main` prints it).
struct CommandFailure: Error, CustomStringConvertible {
    var status: Int32
    var message: String

    var description: String { message }

    /// The database cannot be used; `error` already names the file and what to do.
    static func store(_ error: any Error) -> CommandFailure {
        CommandFailure(status: ExitStatus.store, message: "\(error)")
    }

    /// An output file or folder cannot be created; `message` names it and what to check.
    static func cannotCreate(_ message: String) -> CommandFailure {
        CommandFailure(status: ExitStatus.cannotCreate, message: message)
    }

    /// The config file or a profile is wrong; `error` already names the file or profile and what to do.
    static func config(_ error: any Error) -> CommandFailure {
        CommandFailure(status: ExitStatus.config, message: "\(error)")
    }

    /// What an error that escaped a command stands for: a `CommandFailure` with its own status, or an error for
    /// ArgumentParser to report (a usage error with the usage text, an exit code, anything else as status 1).
    static func classify(_ error: any Error) -> any Error {
        switch error {
        case let error as ConfigError: return CommandFailure.config(error)
        case let error as StoreError:
            switch error.kind {
            case .notFound, .invalidInput: return ValidationError(error.message)
            case .badRecording: return error
            default: return CommandFailure.store(error)
            }
        default: return error
        }
    }

    /// Writes `Error: message` to standard error, with control characters made visible, and exits.
    func exit() -> Never {
        FileHandle.standardError.write(Data(("Error: " + ControlSanitizer.printable(message) + "\n").utf8))
        Foundation.exit(status)
    }
}
