import ArgumentParser
import Foundation
import Sessions
import Wire

/// `--log-file PATH` and `--verbose`, which every command takes anywhere on its command line.
///
/// They are taken out of the arguments before the command is parsed, so no subcommand has to declare them;
/// `Parley` declares them too, so help, the man page and completions show them.
struct GlobalOptions {
    var logFile: String?
    var verbose = false

    /// The options found in `arguments` (up to a `--`), and the arguments without them.
    static func extract(from arguments: [String]) throws -> (GlobalOptions, [String]) {
        var options = GlobalOptions()
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--verbose" {
                options.verbose = true
            } else if argument == "--log-file" {
                guard index + 1 < arguments.count, !arguments[index + 1].isEmpty else {
                    throw ValidationError("--log-file needs a file name, e.g. --log-file parley.log.")
                }
                options.logFile = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--log-file=") {
                options.logFile = String(argument.dropFirst("--log-file=".count))
            } else {
                rest.append(argument)
            }
            index += 1
        }
        return (options, rest)
    }

    /// Installs the debug log these options ask for: the file, else standard error with `--verbose` (the
    /// workbench owns the screen, so it needs a file). `--verbose` also logs request bodies, redacted.
    func install(for command: any ParsableCommand) throws {
        guard logFile != nil || verbose else { return }
        var handles: [FileHandle] = []
        if let logFile {
            handles.append(try DebugLog.openFile(logFile))
        } else if command is WorkbenchCommand {
            throw ValidationError("The workbench draws on the terminal, so --verbose needs --log-file PATH to write to.")
        } else {
            handles.append(FileHandle.standardError)
        }
        let log = DebugLog(handles: handles, includeBodies: verbose)
        log.note("parley \(ParleyVersion.current) \(CommandLine.arguments.dropFirst().joined(separator: " "))")
        TransportLogging.install(log)
    }
}
