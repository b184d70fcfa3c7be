import CSQLite
import Foundation

/// The newest assistant reply in a Parley database, read as stored, without opening it through the store.
///
/// The store's own open would recover a reply left `streaming` by a killed process; the fault table must
/// show what the run itself left behind, so it reads the file read-only with plain SQL.
struct StoredReply {
    var status: String
    var textBytes: Int
    var text: String

    /// The reply, or nil when the file has none (or does not exist).
    static func read(database path: String) -> StoredReply? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let sql = "SELECT status, CAST(text AS BLOB) FROM messages WHERE role = 'assistant' ORDER BY num DESC LIMIT 1"
        return firstRow(database: path, sql: sql) { statement in
            let status = sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? ""
            let count = Int(sqlite3_column_bytes(statement, 1))
            let bytes = sqlite3_column_blob(statement, 1).map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
            return StoredReply(status: status, textBytes: count, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// What the raw records of the file take in it (their blocks' layouts, events and bytes), read read-only.
    static func recordBytes(database path: String) -> Int? {
        let sql = "SELECT SUM(length(layout) + length(events) + length(bytes)) FROM record_blocks"
        return firstRow(database: path, sql: sql) { Int(sqlite3_column_int64($0, 0)) }
    }

    /// `read` of the first row `sql` gives on a read-only connection; nil when the file or the row is not there.
    private static func firstRow<T>(database path: String, sql: String, _ read: (OpaquePointer) -> T) -> T? {
        var db: OpaquePointer?
        defer { sqlite3_close(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return nil }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, sqlite3_step(statement) == SQLITE_ROW,
              let statement
        else { return nil }
        return read(statement)
    }

    /// True when `secret` occurs in the database file or its write-ahead log.
    static func contains(_ secret: String, database path: String) -> Bool {
        [path, path + "-wal", path + "-journal"].contains { file in
            FileManager.default.contents(atPath: file).map { $0.range(of: Data(secret.utf8)) != nil } ?? false
        }
    }
}
