import ChatModel
import Foundation

/// The conversation store on one SQLite file, using the sqlite3 C API directly.
///
/// Every call takes a lock around the single connection, so the store can be shared by the session actor, the
/// workbench and the command line alike; calls are short (one statement or one transaction each).
public final class SQLiteStore: @unchecked Sendable {
    /// The database file in use.
    public let path: String
    /// Replies that were still streaming when the file was last closed and are now marked interrupted.
    public let recoveredMessageIDs: [String]
    let makeID: @Sendable () -> String
    private let lock = NSLock()
    private let database: Database

    /// The schema version this build writes.
    public static var schemaVersion: Int { Migrations.current }

    /// Opens (creating if needed) the store at `path`, else `PARLEY_DB`, else the XDG data directory; migrates
    /// it forward and marks unfinished replies as interrupted.
    public init(
        path explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) throws {
        let path = StoreLocation.resolve(explicit: explicit, environment: environment)
        try StoreLocation.prepareDirectory(for: path)
        self.path = path
        self.makeID = makeID
        database = try Database(path: path)
        try Migrations.check(database)
        try database.enableWAL()
        try Migrations.migrate(database)
        recoveredMessageIDs = try Recovery.markInterrupted(database)
    }

    /// Opens a store at a fixed schema version without recovery; tests use it to build older files.
    init(path: String, migratingTo version: Int) throws {
        try StoreLocation.prepareDirectory(for: path)
        self.path = path
        makeID = { UUID().uuidString.lowercased() }
        database = try Database(path: path)
        try database.enableWAL()
        try Migrations.migrate(database, to: version)
        recoveredMessageIDs = []
    }

    /// Another connection to the same file, for a writer that must not wait for this one's readers (and whose
    /// writes they must not wait for): the file is in WAL mode, so one writes while the other reads. The file
    /// is already migrated and recovered by this store.
    public func secondConnection() throws -> SQLiteStore {
        try SQLiteStore(secondConnectionTo: path, makeID: makeID)
    }

    private init(secondConnectionTo path: String, makeID: @escaping @Sendable () -> String) throws {
        self.path = path
        self.makeID = makeID
        database = try Database(path: path)
        try database.enableWAL()
        recoveredMessageIDs = []
    }

    /// The schema version of the open file.
    public var fileSchemaVersion: Int {
        (try? locked { try $0.scalarInt("PRAGMA user_version") }) ?? 0
    }

    /// Runs `body` with the connection while holding the lock.
    func locked<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(database)
    }

    /// Runs `body` in one transaction while holding the lock.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try locked { db in try db.transaction { try body(db) } }
    }
}
