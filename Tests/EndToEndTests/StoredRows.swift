import CSQLite
import Foundation

/// Reads the database a running Parley writes under a data folder, through a read-only connection, so that
/// nothing (no recovery, no migration) touches the file.
enum StoredRows {
    /// The first column of the first row `query` returns, as text (a blob decoded as UTF-8), or `nil`.
    static func first(_ query: String, in data: URL) -> String? {
        var db: OpaquePointer?
        let path = data.appendingPathComponent("parley/parley.sqlite").path
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            sqlite3_close(db)
            return nil
        }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, query, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let blob = sqlite3_column_blob(statement, 0) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(statement, 0))), as: UTF8.self)
    }
}
