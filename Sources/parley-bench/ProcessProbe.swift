import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a running process's memory and CPU figures from /proc, for children the harness cannot `wait4`.
///
/// The workbench runs under tmux, whose server is its parent, so its costs are sampled here instead: the
/// kernel's RSS high-water mark (VmHWM) and the user and system clock ticks spent so far.
struct ProcessProbe {
    let pid: pid_t

    /// True until the process has been reaped (a zombie still exists).
    var exists: Bool { FileManager.default.fileExists(atPath: "/proc/\(pid)") }

    /// True while the process exists and is not a zombie.
    var isAlive: Bool {
        guard let stat = statFields else { return false }
        return stat.first != "Z" && stat.first != "X"
    }

    /// The current resident set size in bytes.
    var residentBytes: Int? { statusValue("VmRSS") }

    /// The highest resident set size the process has had, in bytes.
    var peakResidentBytes: Int? { statusValue("VmHWM") }

    /// User plus system CPU time spent so far, in seconds (clock-tick resolution, usually 10 ms).
    var cpuSeconds: Double? {
        guard let fields = statFields, fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            return nil
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The processes this one started and has not reaped yet (needs a kernel with /proc/PID/task/TID/children).
    var children: [pid_t] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/task/\(pid)/children") else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: " ").compactMap { pid_t($0) }
    }

    /// The command line the process was started with, its arguments joined by spaces.
    var commandLine: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// The fields of /proc/PID/stat after the command name, starting with the state letter.
    private var statFields: [Substring]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// A `kB` line of /proc/PID/status, in bytes.
    private func statusValue(_ key: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/status") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(key + ":") {
            let number = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first
            return number.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
