import Foundation
import Store

/// Turns what `StoreHealth` found into doctor lines: the file, its schema version and integrity, and free space.
public enum StoreDiagnosis {
    /// Below this much free space a store that grows with every streamed record is about to fail.
    public static let lowSpace: Int64 = 100 << 20

    public static func checks(_ health: StoreHealth) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        switch health.state {
        case .missing:
            checks.append(DoctorCheck(
                "store: file", .passed, "\(health.path) does not exist yet; Parley creates it on first use"))
        case .healthy:
            checks.append(DoctorCheck("store: file", .passed, "\(health.path), \(megabytes(health.bytes ?? 0))"))
            checks.append(schemaCheck(health))
            checks.append(DoctorCheck("store: integrity", .passed, "PRAGMA quick_check: ok"))
        case .damaged(let reason):
            checks.append(DoctorCheck(
                "store: integrity", .failed, "\(health.path) cannot be read as a Parley database: \(reason)",
                fix: "move it aside (mv \(health.path) \(health.path).damaged) and let Parley start a new one, "
                    + "or point PARLEY_DB or --database at another file; `sqlite3 FILE .recover` may save its rows"))
        }
        if let free = health.freeBytes {
            checks.append(free < lowSpace
                ? DoctorCheck(
                    "store: free space", .failed, "\(megabytes(free)) free beside \(health.path)",
                    fix: "free some space on that disk, or point PARLEY_DB at a file on another one")
                : DoctorCheck("store: free space", .passed, "\(megabytes(free)) free"))
        }
        return checks
    }

    private static func schemaCheck(_ health: StoreHealth) -> DoctorCheck {
        let found = health.schemaVersion ?? 0
        let current = health.currentSchemaVersion
        if found > current {
            return DoctorCheck(
                "store: schema", .failed, "version \(found), newer than this Parley knows (\(current))",
                fix: "upgrade Parley, or point PARLEY_DB at another file")
        }
        if found < current {
            return DoctorCheck(
                "store: schema", .passed, "version \(found); Parley upgrades it to \(current) when it next opens it")
        }
        return DoctorCheck("store: schema", .passed, "version \(found) (current)")
    }

    /// Bytes in MB with one decimal, as `df -h` users read them.
    static func megabytes(_ bytes: Int64) -> String {
        bytes >= 10 << 30
            ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}
