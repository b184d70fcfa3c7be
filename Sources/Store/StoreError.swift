/// A store failure, worded so the user knows which file is involved and what to do about it.
///
/// SQLite's own messages ("unable to open database file") name neither the path nor a remedy, so every
/// error that reaches a user carries both.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file or its directory could not be created or opened.
        case cannotOpen = "cannot_open"
        /// The file is not a database, or is damaged.
        case notADatabase = "not_a_database"
        /// The database was written by a newer Parley; it is left untouched.
        case newerSchema = "newer_schema"
        /// The file or directory is read-only, or the disk is full.
        case cannotWrite = "cannot_write"
        /// Another process holds the database longer than the busy timeout.
        case busy
        /// Anything else SQLite reported.
        case sqlite
        /// The thing asked for does not exist.
        case notFound = "not_found"
        /// The caller passed something the store cannot keep as asked.
        case invalidInput = "invalid_input"
        /// A recording file could not be read.
        case badRecording = "bad_recording"
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
