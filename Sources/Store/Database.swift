import CSQLite
import Foundation

/// One open SQLite connection with the few operations the store needs.
///
/// Not thread-safe on its own: `SQLiteStore` serialises every use behind its lock, which keeps this type free
/// of locking and lets each call stay a plain synchronous function.
final class Database {
    let path: String
    private(set) var handle: OpaquePointer?
    /// Compiled statements by SQL text, reused across calls; finalized on close.
    private var cache: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database file and applies the connection settings.
    init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        self.path = path
        Self.createPrivately(path)
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(
                kind: .cannotOpen,
                message: "Cannot open the Parley database at \(path): \(detail). "
                    + "Check that the directory exists and is writable, or choose another file with PARLEY_DB.")
        }
        handle = db
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
        _ = parley_sqlite_enable_foreign_keys(db)
        do {
            try execute("PRAGMA foreign_keys = ON")
        } catch {
            close()
            throw error
        }
    }

    /// Creates a missing database file readable and writable by its owner alone. SQLite gives its `-wal`,
    /// `-shm` and `-journal` files the database file's permissions, so they stay private too.
    private static func createPrivately(_ path: String) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Switches the file to write-ahead logging, so readers never block the stream writer.
    func enableWAL() throws {
        let mode = try scalarText("PRAGMA journal_mode = WAL")
        if mode?.lowercased() != "wal" {
            throw StoreError(
                kind: .cannotWrite,
                message: "The Parley database at \(path) cannot switch to WAL mode (got \(mode ?? "nothing")). "
                    + "Put it on a local, writable file system or choose another file with PARLEY_DB.")
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit { close() }

    func close() {
        for statement in cache.values { sqlite3_finalize(statement) }
        cache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Fills the blob of `column` in row `rowid` of `table` from its start, with the pieces `fill` hands to its
    /// `write` in order, page by page: the row was inserted with a `zeroBlob` of their total size, so SQLite never
    /// holds a copy of the whole value in memory.
    func writeBlob(
        table: String, column: String, rowid: Int64,
        _ fill: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(handle, "main", table, column, rowid, 1, &blob)
        defer { sqlite3_blob_close(blob) }
        guard rc == SQLITE_OK else { throw error(rc) }
        var offset: Int32 = 0
        try fill { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let rc = sqlite3_blob_write(blob, base, Int32(bytes.count), offset)
            guard rc == SQLITE_OK else { throw error(rc) }
            offset += Int32(bytes.count)
        }
    }

    /// The row id of the last row this connection inserted.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        let detail = errorMessage.map { String(cString: $0) }
        sqlite3_free(errorMessage)
        if rc != SQLITE_OK { throw error(rc, detail: detail) }
    }

    /// A compiled statement, from the cache when this SQL was seen before.
    ///
    /// The returned `Statement` resets it when released, so no half-read query keeps a read snapshot open.
    func prepare(_ sql: String) throws -> Statement {
        if let cached = cache[sql] { return Statement(cached, database: self) }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc) }
        cache[sql] = statement
        return Statement(statement, database: self)
    }

    /// Runs `body` in one immediate transaction; rolls back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row of a query, as text.
    func scalarText(_ sql: String) throws -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.text(0) : nil
    }

    /// The first column of the first row of a query, as an integer.
    func scalarInt(_ sql: String) throws -> Int {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int(0) : 0
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    /// A `StoreError` for a failed SQLite call, classified so the user gets a remedy.
    func error(_ code: Int32, detail: String? = nil) -> StoreError {
        let text = detail ?? String(cString: sqlite3_errmsg(handle))
        switch code & 0xFF {
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return StoreError(
                kind: .notADatabase,
                message: "\(path) is not a Parley database or is damaged (\(text)). "
                    + "Move it aside to start fresh, or point PARLEY_DB at another file.")
        case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_FULL, SQLITE_IOERR:
            return StoreError(
                kind: .cannotWrite,
                message: "Cannot write the Parley database at \(path): \(text). "
                    + "Check permissions and free disk space, or choose another file with PARLEY_DB.")
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(
                kind: .busy,
                message: "The Parley database at \(path) is busy (\(text)); another process holds it. Try again.")
        default:
            return StoreError(kind: .sqlite, message: "SQLite error on \(path): \(text)")
        }
    }
}
