import Foundation

/// Runs `parley send` or curl once against the stream server and checks the whole reply came through.
///
/// Both are children of the harness, so `wait4` gives exact peak RSS and CPU; a run that misses the
/// marker word, fails, or is killed by the watchdog reports why instead of figures that look fine.
struct CommandRun {
    /// What one run cost, or why it did not complete.
    struct Result {
        var outcome: ChildProcess.Outcome
        /// Nil when the run completed with the marker word in its output; else what went wrong.
        var problem: String?
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var folder: String
    /// Whether standard output is kept and checked for the marker word (curl's goes to /dev/null).
    var checksOutput: Bool

    func run(deadline: Double, memoryCap: Int) throws -> Result {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let stdout = folder + "/\(name).stdout"
        let stderr = folder + "/\(name).stderr"
        defer {
            try? FileManager.default.removeItem(atPath: stdout)
            try? FileManager.default.removeItem(atPath: stderr)
        }
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, stdout: stdout, stderr: stderr)
        let outcome = child.measure(deadline: deadline, memoryCap: memoryCap)
        if let note = outcome.failureNote {
            return Result(outcome: outcome, problem: note + Self.tail(of: stderr))
        }
        if checksOutput, !Self.contains(StreamServer.marker, file: stdout) {
            return Result(outcome: outcome, problem: "the output lacks the last word \(StreamServer.marker)")
        }
        return Result(outcome: outcome, problem: nil)
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
