import CSQLite
import Foundation

/// What `parley doctor` reports about a database file, read without changing it.
///
/// The file is opened read-only and never migrated or created, so checking an old or damaged store leaves it
/// as it was.
public struct StoreHealth: Sendable, Equatable {
    /// The file's state.
    public enum State: Sendable, Equatable {
        /// No file yet: Parley creates it on first use.
        case missing
        /// The file opens and passes `PRAGMA quick_check`.
        case healthy
        /// The file cannot be used; the text says what SQLite said.
        case damaged(String)
    }

    public var path: String
    public var state: State
    /// The file's size in bytes (with its write-ahead log), when it exists.
    public var bytes: Int64?
    /// `PRAGMA user_version`, when the file could be read.
    public var schemaVersion: Int?
    /// The version this Parley writes; an older file is upgraded when Parley next opens it.
    public var currentSchemaVersion: Int { Migrations.current }
    /// Free bytes on the file system that holds the file (or would hold it), when known.
    public var freeBytes: Int64?

    /// Inspects the file at `path`.
    public static func inspect(path: String) -> StoreHealth {
        var health = StoreHealth(path: path, state: .missing)
        health.freeBytes = freeSpace(near: path)
        guard FileManager.default.fileExists(atPath: path) else { return health }
        health.bytes = size(path) + (size(path + "-wal"))
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nil)
        defer { sqlite3_close_v2(db) }
        guard rc == SQLITE_OK, let db else {
            health.state = .damaged(db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory")
            return health
        }
        sqlite3_busy_timeout(db, 2000)
        do {
            health.schemaVersion = Int(try rows(db, "PRAGMA user_version").first ?? "0")
            let problems = try rows(db, "PRAGMA quick_check(5)")
            health.state = problems == ["ok"] ? .healthy : .damaged(problems.joined(separator: "; "))
        } catch {
            health.state = .damaged("\(error)")
        }
        return health
    }

    private static func rows(_ db: OpaquePointer, _ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw StoreHealthFailure(text: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        var values: [String] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return values }
            guard step == SQLITE_ROW else { throw StoreHealthFailure(text: String(cString: sqlite3_errmsg(db))) }
            values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
    }

    private static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Free space for an unprivileged user on the file system of `path`, or of its nearest existing folder.
    private static func freeSpace(near path: String) -> Int64? {
        var folder = path
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder { break }
            folder = parent
        }
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}

private struct StoreHealthFailure: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
