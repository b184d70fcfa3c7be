import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real workbench in tmux, sends one prompt, and times the reply and the keys typed meanwhile.
///
/// Only the command line and the screen are used, so the harness works on any build of Parley: the reply is
/// on screen when its last word (the server's marker) shows in `capture-pane`, and a key has taken effect
/// when the composer shows it. Memory and CPU come from /proc, because tmux, not the harness, is the parent.
struct WorkbenchRun {
    /// What the run measured; a nil figure was not reached, and `problem` says why.
    struct Result {
        var enterToScreen: Double?
        var lastByteToScreen: Double?
        var cpuSeconds: Double?
        var peakResidentBytes: Int?
        /// Key latencies while idle, typing the prompt: the floor that tmux and the polling add.
        var idleKeyLatencies: [Double] = []
        var keyLatencies: [Double] = []
        var keysUnseen = 0
        var problem: String?
    }

    var parley: String
    var baseURL: String
    var environment: [String: String]
    var folder: String
    /// Whether to type keys into the composer while the reply streams, to time them: the first right after
    /// Enter, so even a short burst gets one, then one 50 ms after each has shown.
    var typesDuringStream: Bool

    /// The key typed into the composer; it appears nowhere else on the screen's composer line.
    private static let key = "j"
    /// At most this many keys are typed, so the composer line never scrolls.
    private static let maxKeys = 30

    /// Runs the workbench once; a failure of any step, tmux's included, ends up in `Result.problem`.
    func run(server: StreamServer, deadline: Double, memoryCap: Int) -> Result {
        var result = Result()
        do {
            try drive(server: server, deadline: deadline, memoryCap: memoryCap, result: &result)
        } catch {
            result.problem = "\(error)" + Self.tail(of: log)
        }
        return result
    }

    private var log: String { folder + "/workbench.stderr" }

    private func drive(server: StreamServer, deadline: Double, memoryCap: Int, result: inout Result) throws {
        let command = "exec '\(parley)' --base-url '\(baseURL)' --model m --database '\(folder)/parley.sqlite' 2>'\(log)'"
        let tmux = try TmuxScreen(columns: 120, rows: 36, command: command, directory: folder, environment: environment)
        defer { tmux.close() }
        let ready = try tmux.wait(seconds: 20) { Self.composer(in: $0) != nil }
        guard ready.met, let pid = try tmux.panePID() else {
            result.problem = "the workbench did not start within 20 s" + Self.tail(of: log)
            return
        }
        let probe = ProcessProbe(pid: pid)
        defer { quit(tmux, probe: probe) }
        for prompt in ["h", "hi"] {
            let sent = StoreBenchmark.now()
            try tmux.type(String(prompt.last!))
            guard try tmux.wait(seconds: 5, interval: 0.005, until: { Self.composer(in: $0) == prompt }).met else {
                result.problem = "the composer did not show the prompt within 5 s"
                return
            }
            result.idleKeyLatencies.append(StoreBenchmark.now() - sent)
        }

        let cpuBefore = probe.cpuSeconds ?? 0
        let streamsBefore = server.finishedCount
        let enter = StoreBenchmark.now()
        try tmux.press("Enter")
        var typed = ""
        var keysStopped = false
        var pendingSince: Double?
        var lastKeyDone = enter
        if typesDuringStream {
            typed = Self.key
            pendingSince = StoreBenchmark.now()
            try tmux.type(Self.key)
        }
        var seen: Double?
        while seen == nil || pendingSince != nil {
            let screen = try? tmux.capture()
            let now = StoreBenchmark.now()
            if let problem = watchdog(probe, since: enter, now: now, deadline: deadline, memoryCap: memoryCap, cpuBefore: cpuBefore, result: &result) {
                result.problem = problem
                return
            }
            guard let screen else {
                result.problem = "the workbench's screen went away after \(Figure.seconds(now - enter))" + Self.tail(of: log)
                return
            }
            if seen == nil, screen.contains(StreamServer.marker) {
                seen = now
                result.cpuSeconds = probe.cpuSeconds.map { $0 - cpuBefore }
                result.peakResidentBytes = probe.peakResidentBytes
            }
            if let since = pendingSince {
                if Self.composer(in: screen) == typed {
                    result.keyLatencies.append(now - since)
                    pendingSince = nil
                    lastKeyDone = now
                } else if now - since > 5 {
                    result.keysUnseen += 1
                    pendingSince = nil
                    keysStopped = true
                }
            } else if typesDuringStream, !keysStopped, seen == nil, typed.count < Self.maxKeys, now - lastKeyDone >= 0.05 {
                typed += Self.key
                pendingSince = StoreBenchmark.now()
                try tmux.type(Self.key)
            }
            usleep(5_000)
        }
        guard let seen else { return }
        result.enterToScreen = seen - enter
        let lastByte = waitForLastByte(server, after: streamsBefore)
        result.lastByteToScreen = lastByte.map { seen - $0 }
    }

    /// Why the run must stop now (killed for memory, past its deadline, or gone), or nil to go on; before a
    /// kill, `result` gets the CPU and peak RSS spent so far, so a miss still says how far it got.
    private func watchdog(
        _ probe: ProcessProbe, since start: Double, now: Double, deadline: Double, memoryCap: Int, cpuBefore: Double,
        result: inout Result
    ) -> String? {
        guard probe.isAlive else { return "the workbench exited after \(Figure.seconds(now - start))" }
        let resident = probe.residentBytes ?? 0
        let overMemory = resident > memoryCap
        guard overMemory || now - start > deadline else { return nil }
        result.cpuSeconds = probe.cpuSeconds.map { $0 - cpuBefore }
        result.peakResidentBytes = probe.peakResidentBytes
        kill(probe.pid, SIGKILL)
        let spent = result.cpuSeconds.map { ", \(Figure.seconds($0)) CPU" } ?? ""
        if overMemory {
            return "killed at \(Figure.megabytes(resident)) RSS after \(Figure.seconds(now - start))\(spent), last word not on screen"
        }
        return "last word not on screen after \(Figure.seconds(now - start)); killed at \(Figure.megabytes(resident)) RSS\(spent)"
    }

    /// The server's time for the last byte of this run's stream, waiting up to 2 s for the write to return.
    private func waitForLastByte(_ server: StreamServer, after count: Int) -> Double? {
        let deadline = StoreBenchmark.now() + 2
        while StoreBenchmark.now() < deadline {
            if let time = server.lastByteTime(after: count) { return time }
            usleep(2_000)
        }
        return nil
    }

    /// Quits with Ctrl-Q and, if the workbench is still there after 5 s, kills it; then gives tmux up to 2 s
    /// to reap it, so no zombie outlives the tmux server.
    private func quit(_ tmux: TmuxScreen, probe: ProcessProbe) {
        if probe.isAlive { try? tmux.press("C-q") }
        let deadline = StoreBenchmark.now() + 5
        while probe.isAlive, StoreBenchmark.now() < deadline { usleep(10_000) }
        if probe.isAlive, probe.commandLine?.contains(parley) == true { kill(probe.pid, SIGKILL) }
        let reaped = StoreBenchmark.now() + 2
        while probe.exists, StoreBenchmark.now() < reaped { usleep(10_000) }
    }

    /// The text in the composer: what follows "› " on its line, up to the pane border.
    static func composer(in screen: String) -> String? {
        guard let line = screen.split(separator: "\n").last(where: { $0.contains("› ") }),
              let prompt = line.range(of: "› ")
        else { return nil }
        let text = line[prompt.upperBound...].prefix { $0 != "│" && $0 != "┃" }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func tail(of file: String) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        guard let last = text.split(separator: "\n").last else { return "" }
        return ": " + last.prefix(160)
    }
}
