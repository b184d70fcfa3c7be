import ArgumentParser
import ChatModel
import Config
import Foundation
import Store

/// The `--database` option of every command that reads or writes the local store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The database file (default $PARLEY_DB, else $XDG_DATA_HOME/parley/parley.sqlite).")
    var database: String?

    /// Opens the store, with an error that names the file and what to do.
    func open() throws -> SQLiteStore { try openStore(database) }

    /// Opens the store and resolves a conversation id or unique prefix of one; an unknown or ambiguous id is a
    /// usage error, a database that cannot be read a store failure.
    func conversation(_ text: String) throws -> (store: SQLiteStore, id: String) {
        let store = try open()
        do {
            return (store, try store.resolveConversationID(text))
        } catch let error as StoreError where error.kind == .notFound || error.kind == .invalidInput {
            throw ValidationError(error.message)
        }
    }
}

/// Writes text meant for a terminal to standard output, with control characters from stored or remote
/// text made visible so they cannot restyle or retitle the user's terminal.
func writeText(_ text: String) {
    FileHandle.standardOutput.write(Data(ControlSanitizer.printable(text).utf8))
}

/// Writes a `parley: …` note to standard error.
func writeNote(_ text: String) {
    FileHandle.standardError.write(Data(("parley: " + ControlSanitizer.printable(text) + "\n").utf8))
}

/// Opens the local database, with an error that names the file and what to do (a store failure, status 74).
func openStore(_ path: String?) throws -> SQLiteStore {
    let path = try path ?? configuredDatabase()
    do {
        return try SQLiteStore(path: path)
    } catch {
        throw CommandFailure.store(error)
    }
}

/// The config file's `database`, when neither `--database` nor `$PARLEY_DB` says. A broken config file is a
/// config failure.
func configuredDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
    if let variable = environment["PARLEY_DB"], !variable.isEmpty { return nil }
    let configuration: Configuration
    do {
        configuration = try Configuration.load(path: Configuration.defaultPath(environment: environment), checks: WorkbenchKeys.problems)
    } catch {
        throw CommandFailure(status: ExitStatus.config, message: "\(error)\nFix the file (parley config check shows every problem), or choose another with PARLEY_CONFIG.")
    }
    return databasePath(in: configuration, environment: environment)
}

/// `database` from a config file, unless `$PARLEY_DB` says otherwise: a relative path is taken from the config
/// file's folder, `~/` from the home folder.
func databasePath(in configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let variable = environment["PARLEY_DB"], !variable.isEmpty { return nil }
    guard let database = configuration.database, !database.isEmpty else { return nil }
    if database == "~" || database.hasPrefix("~/") { return (environment["HOME"] ?? NSHomeDirectory()) + database.dropFirst() }
    if database.hasPrefix("/") { return database }
    let folder = configuration.source.map { ($0 as NSString).deletingLastPathComponent } ?? "."
    return folder + "/" + database
}
