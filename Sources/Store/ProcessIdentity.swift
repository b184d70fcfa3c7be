import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process as a store records it: its pid and when it started, so a reused pid is not taken for the owner.
///
/// The store notes which process writes each streaming run; on open, a run is recovered as interrupted only
/// when its writer is gone, so a second Parley on the same file never rewrites a reply that is still arriving.
struct ProcessIdentity: Equatable {
    var pid: Int32
    /// The start time the kernel gives (`/proc/PID/stat`, field 22), or empty where there is no `/proc`.
    var started: String

    /// This process.
    static let current = ProcessIdentity(pid: getpid(), started: startTime(of: getpid()) ?? "")

    /// True while the process runs: the pid exists and, where it can be read, started at the same time.
    var isAlive: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard !started.isEmpty else { return true }
        return Self.startTime(of: pid) == started
    }

    /// Field 22 of `/proc/PID/stat` (clock ticks after boot), which the kernel never reuses for one pid while
    /// the machine runs.
    static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
