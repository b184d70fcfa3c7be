import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A full-screen peer (elia, oterm) in tmux at the workbench's size, timed the way `WorkbenchRun` times Parley.
///
/// The peer is started in a fresh home, the harness waits for its first usable screen (start-up time), lets
/// `opensChat` do what the peer needs before a prompt can be typed, types "hi" and presses Enter, then reads
/// the screen until the server's last word shows. Memory and CPU come from /proc like the workbench's. A peer
/// still short of the last word after `deadline` seconds is killed and reported with what it had shown.
struct ScreenPeerRun {
    /// What the run measured; a nil figure was not reached, and `problem` says why.
    struct Result {
        var startToReady: Double?
        /// When the first word of the reply ("wN" or the last word) showed.
        var enterToFirstWord: Double?
        var enterToScreen: Double?
        var lastByteToScreen: Double?
        var cpuSeconds: Double?
        var peakResidentBytes: Int?
        /// The highest numbered word ("w123") on screen when the run was stopped short of the last one.
        var furthestWord: Int?
        /// True when the peer was stopped for time or memory while the reply streamed.
        var outOfTime = false
        /// How many streams the peer asked for after Enter.
        var requests = 0
        var problem: String?
    }

    /// The shell command tmux runs, starting with `exec` so the pane's process is the peer itself. Its
    /// standard error stays on the terminal: Textual apps draw there.
    var command: String
    /// The key that sends the prompt, in tmux's names (elia sends with Ctrl-J; Enter adds a line).
    var submitKey = "Enter"
    var environment: [String: String]
    var folder: String
    /// Whether the peer's first screen is up and takes typing.
    var isReady: (String) -> Bool
    /// Steps from the first screen to a prompt box that takes "hi" (such as choosing the model); returns a
    /// problem, or nil.
    var opensChat: (TmuxScreen) throws -> String? = { _ in nil }

    /// How long the peer may take to show its first screen.
    static let startLimit = 60.0

    func run(server: StreamServer, deadline: Double, memoryCap: Int) -> Result {
        var result = Result()
        do {
            try drive(server: server, deadline: deadline, memoryCap: memoryCap, result: &result)
        } catch {
            result.problem = "\(error)"
        }
        return result
    }

    private func drive(server: StreamServer, deadline: Double, memoryCap: Int, result: inout Result) throws {
        let start = StoreBenchmark.now()
        let tmux = try TmuxScreen(
            columns: 120, rows: 36, command: command, directory: folder, environment: environment)
        defer { tmux.close() }
        let ready = try tmux.wait(seconds: Self.startLimit, interval: 0.01, until: isReady)
        guard ready.met, let pid = try tmux.panePID() else {
            result.problem = "no first screen within \(Int(Self.startLimit)) s" + Self.lastLine(ready.screen)
            return
        }
        result.startToReady = StoreBenchmark.now() - start
        let probe = ProcessProbe(pid: pid)
        defer { stop(probe) }
        try tmux.settle()
        if let problem = try opensChat(tmux) {
            result.problem = problem
            return
        }
        let before = Self.count("hi", in: try tmux.settle())
        try tmux.type("hi")
        guard try tmux.wait(seconds: 10, until: { Self.count("hi", in: $0) > before }).met else {
            result.problem = "the prompt did not show within 10 s"
            return
        }
        let cpuBefore = probe.cpuSeconds ?? 0
        let streamsBefore = server.finishedCount
        let requestsBefore = server.startedCount
        let enter = StoreBenchmark.now()
        defer { result.requests = server.startedCount - requestsBefore }
        try tmux.press(submitKey)
        while true {
            let screen = try? tmux.capture()
            let now = StoreBenchmark.now()
            guard probe.isAlive, let screen else {
                result.problem = "the peer exited after \(Figure.seconds(now - enter))" + Self.lastLine(screen ?? "")
                return
            }
            if result.enterToFirstWord == nil, Self.furthestWord(in: screen) != nil || screen.contains(StreamServer.marker) {
                result.enterToFirstWord = now - enter
            }
            if screen.contains(StreamServer.marker) {
                result.enterToScreen = now - enter
                result.cpuSeconds = probe.cpuSeconds.map { $0 - cpuBefore }
                result.peakResidentBytes = probe.peakResidentBytes
                break
            }
            let resident = probe.residentBytes ?? 0
            if resident > memoryCap || now - enter > deadline {
                result.cpuSeconds = probe.cpuSeconds.map { $0 - cpuBefore }
                result.peakResidentBytes = probe.peakResidentBytes
                result.furthestWord = Self.furthestWord(in: screen)
                result.outOfTime = true
                let shown = result.furthestWord.map { "; furthest word on screen w\($0)" } ?? "; no word of the reply on screen"
                result.problem = resident > memoryCap
                    ? "killed at \(Figure.megabytes(resident)) RSS after \(Figure.seconds(now - enter))\(shown)"
                    : "did not finish in \(Int(deadline)) s\(shown)"
                return
            }
            usleep(10_000)
        }
        // The last stream that had ended when the last word showed (elia shows whichever of its two ends last).
        let seen = enter + (result.enterToScreen ?? 0)
        let deadlineForByte = StoreBenchmark.now() + 2
        while StoreBenchmark.now() < deadlineForByte {
            let times = server.lastByteTimes(after: streamsBefore)
            if let last = times.filter({ $0 <= seen }).max() ?? times.first {
                result.lastByteToScreen = seen - last
                break
            }
            usleep(2_000)
        }
    }

    private static func count(_ word: String, in screen: String) -> Int {
        screen.components(separatedBy: word).count - 1
    }

    /// Ends the peer: SIGTERM, then SIGKILL after 3 s; tmux reaps it.
    private func stop(_ probe: ProcessProbe) {
        guard probe.isAlive else { return }
        kill(probe.pid, SIGTERM)
        let deadline = StoreBenchmark.now() + 3
        while probe.isAlive, StoreBenchmark.now() < deadline { usleep(10_000) }
        if probe.isAlive { kill(probe.pid, SIGKILL) }
    }

    /// The largest N of the words "wN" the stream server sends that are on `screen`.
    static func furthestWord(in screen: String) -> Int? {
        var best: Int?
        for token in screen.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where token.first == "w" {
            if let number = Int(token.dropFirst()) { best = max(best ?? number, number) }
        }
        return best
    }

    private static func lastLine(_ screen: String) -> String {
        guard let line = screen.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return "; the screen stayed empty"
        }
        return "; screen ends with \"\(line.trimmingCharacters(in: .whitespaces).prefix(100))\""
    }
}
