import CSQLite
import Foundation

/// A prepared statement: bind by position (1-based), step, and read columns (0-based).
///
/// Kept minimal on purpose; each query site reads exactly the columns it selected. Use one at a time per
/// SQL text: two live wrappers of the same SQL share one compiled statement.
final class Statement {
    private let statement: OpaquePointer
    private unowned let database: Database

    /// Wraps a statement owned by the database's cache; this wrapper only resets it when released.
    init(_ statement: OpaquePointer, database: Database) {
        self.statement = statement
        self.database = database
    }

    deinit {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Binds values to parameters 1, 2, … in order; SQLite keeps its own copy of text and blobs.
    @discardableResult
    func bind(_ values: SQLValue...) throws -> Statement {
        try bind(values)
    }

    @discardableResult
    func bind(_ values: [SQLValue]) throws -> Statement {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1), lifetime: parley_sqlite_transient())
        }
        return self
    }

    /// Binds one value. Text goes by its byte count, never as a C string: it may hold U+0000, which would end
    /// a C string there.
    private func bind(_ value: SQLValue, at index: Int32, lifetime: sqlite3_destructor_type?) throws {
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(statement, index)
        case .int(let v):
            rc = sqlite3_bind_int64(statement, index, Int64(v))
        case .double(let v):
            rc = sqlite3_bind_double(statement, index, v)
        case .text(var v):
            rc = v.withUTF8 { utf8 in
                guard let base = utf8.baseAddress, !utf8.isEmpty else {
                    return sqlite3_bind_text(statement, index, "", 0, parley_sqlite_transient())
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(statement, index, $0, sqlite3_uint64(utf8.count), lifetime, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let v):
            rc = v.withUnsafeBytes {
                sqlite3_bind_blob64(statement, index, $0.baseAddress, sqlite3_uint64($0.count), lifetime)
            }
        case .zeroBlob(let count):
            rc = sqlite3_bind_zeroblob64(statement, index, sqlite3_uint64(count))
        }
        if rc != SQLITE_OK { throw database.error(rc) }
    }

    /// Binds `values` without copying text or blobs, runs `body`, then lets go of them: SQLite reads the bytes
    /// in place, so a reply of many megabytes is not copied once more on its way to the file.
    private func withBound<R>(_ values: ArraySlice<SQLValue>, at index: Int32, _ body: () throws -> R) throws -> R {
        guard let value = values.first else { return try body() }
        let rest = values.dropFirst()
        switch value {
        case .text(var v) where !v.isEmpty:
            return try v.withUTF8 { utf8 in
                try UnsafeRawPointer(utf8.baseAddress!).withMemoryRebound(to: CChar.self, capacity: utf8.count) { pointer in
                    let rc = sqlite3_bind_text64(statement, index, pointer, sqlite3_uint64(utf8.count), nil, UInt8(SQLITE_UTF8))
                    if rc != SQLITE_OK { throw database.error(rc) }
                    return try withBound(rest, at: index + 1, body)
                }
            }
        case .blob(let v) where !v.isEmpty:
            return try v.withUnsafeBytes { bytes in
                let rc = sqlite3_bind_blob64(statement, index, bytes.baseAddress, sqlite3_uint64(bytes.count), nil)
                if rc != SQLITE_OK { throw database.error(rc) }
                return try withBound(rest, at: index + 1, body)
            }
        default:
            try bind(value, at: index, lifetime: parley_sqlite_transient())
            return try withBound(rest, at: index + 1, body)
        }
    }

    /// Advances to the next row; false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc)
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: SQLValue...) throws {
        try run(values)
    }

    func run(_ values: [SQLValue]) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        defer {
            // The bytes bound in place are about to go away: SQLite must not look at them again.
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try withBound(values[...], at: 1) {
            while try step() {}
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    func bool(_ column: Int32) -> Bool { int(column) != 0 }

    /// The column as text, read by its byte count, so an embedded U+0000 and what follows it are kept.
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case int(Int)
    case double(Double)
    case text(String)
    case blob([UInt8])
    /// A blob of this many zero bytes that SQLite never builds in memory; `Database.writeBlob` fills it.
    case zeroBlob(Int)

    static func textOrNull(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func intOrNull(_ value: Int?) -> SQLValue { value.map { .int($0) } ?? .null }
    static func doubleOrNull(_ value: Double?) -> SQLValue { value.map { .double($0) } ?? .null }
    static func bool(_ value: Bool) -> SQLValue { .int(value ? 1 : 0) }
}
