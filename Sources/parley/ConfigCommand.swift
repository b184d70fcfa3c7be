import ArgumentParser
import Config
import Foundation

/// `parley config`: write, find, edit and check the config file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Write, find, edit and check the config file.",
        subcommands: [ConfigInitCommand.self, ConfigPathCommand.self, ConfigEditCommand.self, ConfigCheckCommand.self])
}

/// The `--config FILE` option of the `config` subcommands.
struct ConfigFileOption: ParsableArguments {
    @Option(help: "The config file (default $PARLEY_CONFIG, else $XDG_CONFIG_HOME/parley/config.yaml).")
    var config: String?

    var path: String { config ?? Configuration.defaultPath(environment: ProcessInfo.processInfo.environment) }
}

/// `parley config init`: writes the commented example, never over an existing file unless asked.
struct ConfigInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented example config with one profile per provider kind.",
        discussion: "The file is created readable by you alone (mode 600). An existing file is kept unless --force is given.")

    @OptionGroup var file: ConfigFileOption

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        let path = file.path
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandFailure(
                status: ExitStatus.failed,
                message: "\(path) already exists; it was left alone. Use `parley config edit` to change it, or --force to replace it with the example.")
        }
        try ConfigFileWriter.write(ConfigExample.text, to: path)
        writeText("Wrote \(path). Fill in your endpoints and keys, then run `parley config check`.\n")
    }
}

/// `parley config path`: where the config file is (whether or not it exists).
struct ConfigPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Print where the config file is ($PARLEY_CONFIG, else the XDG location).")

    @OptionGroup var file: ConfigFileOption

    func run() throws {
        writeText(file.path + "\n")
    }
}

/// `parley config edit`: opens the file in `$VISUAL` or `$EDITOR`, then checks it.
struct ConfigEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Open the config file in $VISUAL or $EDITOR (writing the example first if there is none), then check it.")

    @OptionGroup var file: ConfigFileOption

    func run() throws {
        let path = file.path
        if !FileManager.default.fileExists(atPath: path) {
            try ConfigFileWriter.write(ConfigExample.text, to: path)
            writeNote("wrote the example to \(path)")
        }
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", path]
        do {
            try process.run()
        } catch {
            throw CommandFailure(status: ExitStatus.failed, message: "Cannot start the editor \(editor): \(error). Set EDITOR.")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                status: ExitStatus.failed, message: "The editor \(editor) exited with status \(process.terminationStatus); the file was not checked.")
        }
        try ConfigChecker.report(path: path)
    }
}

/// `parley config check`: every problem in the file, with its line and column.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the config file: YAML syntax, unknown keys and kinds, missing options, key bindings, unset key variables.",
        discussion: "Problems are printed as FILE:LINE:COLUMN: error: … with what to change. Exit status 0 when there are no errors (warnings allowed), 78 otherwise.")

    @OptionGroup var file: ConfigFileOption

    func run() throws {
        try ConfigChecker.report(path: file.path)
    }
}

/// Checks a config file and prints the outcome: a summary and warnings on success, every problem otherwise.
enum ConfigChecker {
    static func report(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                status: ExitStatus.config, message: "\(path) does not exist. Run `parley config init` to write an example.")
        }
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: path, checks: WorkbenchKeys.problems)
        } catch let error as ConfigError {
            throw CommandFailure(status: ExitStatus.config, message: "\(path) has problems:\n\(error)")
        }
        for warning in configuration.warnings(environment: ProcessInfo.processInfo.environment) {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
        let names = configuration.profiles.map { "\($0.name) (\($0.provider))" }
        writeText("\(path): OK, \(names.count) profile\(names.count == 1 ? "" : "s")"
            + (names.isEmpty ? "" : ": " + names.joined(separator: ", ")) + ".\n")
    }
}

/// Writes a config file readable by its owner alone, creating its folder.
enum ConfigFileWriter {
    static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw CommandFailure(status: ExitStatus.failed, message: "Cannot write \(path): \(error.localizedDescription). Check the folder's permissions.")
        }
    }
}
