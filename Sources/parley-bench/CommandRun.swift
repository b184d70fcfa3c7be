import Foundation

/// Runs `parley send` or curl once under GNU time against the stream server and checks the reply came through.
///
/// GNU time forks the command from its own small process and reports the command's `wait4` figures, so its
/// peak RSS is the command's alone (see `ChildProcess.Outcome.sampledPeakBytes` for why the harness cannot
/// read it itself). CPU comes from the harness's own `wait4` on GNU time, which counts the command it reaped
/// to the microsecond (GNU time prints hundredths) plus GNU time's own, well under a millisecond. A run that
/// misses the marker word, fails, or is killed reports why.
struct CommandRun {
    /// What one run cost, or why it did not complete.
    struct Result {
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakResidentBytes: Int
        /// Nil when the run completed with the marker word in its output; else what went wrong.
        var problem: String?
    }

    /// Where GNU time is expected; Debian's package `time` installs it.
    static let timeExecutable = "/usr/bin/time"

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var folder: String
    /// Whether standard output is kept and checked for the marker word (curl's goes to /dev/null).
    var checksOutput: Bool

    /// Runs the command `times` times and keeps the run of median wall time, with the highest peak memory of
    /// all: one run of a 0.1 s command moves by tens of percent with what else the machine does. The first
    /// problem met, if any, is the result's.
    func run(deadline: Double, memoryCap: Int, times: Int) throws -> Result {
        var results: [Result] = []
        for _ in 0..<max(1, times) {
            let result = try run(deadline: deadline, memoryCap: memoryCap)
            results.append(result)
            if result.problem != nil { return result }
        }
        var median = results.sorted { $0.wallSeconds < $1.wallSeconds }[results.count / 2]
        median.peakResidentBytes = results.map(\.peakResidentBytes).max() ?? median.peakResidentBytes
        return median
    }

    func run(deadline: Double, memoryCap: Int) throws -> Result {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let stdout = folder + "/\(name).stdout"
        let stderr = folder + "/\(name).stderr"
        let usage = folder + "/\(name).usage"
        defer {
            for file in [stdout, stderr, usage] { try? FileManager.default.removeItem(atPath: file) }
        }
        let child = try ChildProcess(
            executable: Self.timeExecutable, arguments: ["-f", "%M", "-o", usage, executable] + arguments,
            environment: environment, stdout: stdout, stderr: stderr)
        let outcome = child.measure(deadline: deadline, memoryCap: memoryCap)
        var result = Result(wallSeconds: outcome.wallSeconds, cpuSeconds: outcome.cpuSeconds, peakResidentBytes: outcome.sampledPeakBytes)
        if let peak = Self.peakFromTime(usage) {
            result.peakResidentBytes = max(peak, outcome.sampledPeakBytes)
        } else {
            result.problem = "GNU time reported nothing"
        }
        if let note = outcome.failureNote {
            result.problem = note + Self.tail(of: stderr)
        } else if checksOutput, !Self.contains(StreamServer.marker, file: stdout) {
            result.problem = "the output lacks the last word \(StreamServer.marker)"
        }
        return result
    }

    /// Peak RSS in bytes from the last line GNU time wrote ("%M", in KiB).
    private static func peakFromTime(_ file: String) -> Int? {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
    }

    private static func contains(_ word: String, file: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file) else { return false }
        return data.suffix(4096).range(of: Data(word.utf8)) != nil
    }

    /// The last line of a log, as ": line", or nothing when it is empty.
    private static func tail(of file: String) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        guard let last = text.split(separator: "\n").last else { return "" }
        return ": " + last.prefix(160)
    }
}
