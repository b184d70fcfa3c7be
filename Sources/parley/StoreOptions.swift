import ArgumentParser
import ChatModel
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
    do {
        return try SQLiteStore(path: path)
    } catch {
        throw CommandFailure.store(error)
    }
}
