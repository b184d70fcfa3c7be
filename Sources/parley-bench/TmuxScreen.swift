import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server on a private socket (`tmux -L NAME`) with one window, to run the workbench as a person would.
///
/// Every client command is a short-lived tmux process with a deadline; `close()` kills the server, and the
/// registry does so too if `parley-bench` is interrupted.
final class TmuxScreen {
    let socket: String
    private let executable: String
    private let environment: [String: String]
    /// Where tmux puts the `-L` socket, and leaves it after the server exits.
    private var socketPath: String {
        (environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/tmux-\(getuid())/\(socket)"
    }
    private var closed = false

    /// The tmux executable on `PATH`, or nil when tmux is not installed.
    static var executablePath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts a detached session of `columns` x `rows` that runs `command` through the shell.
    init(columns: Int, rows: Int, command: String, directory: String, environment: [String: String]) throws {
        guard let executable = Self.executablePath else { throw BenchError("tmux is not installed") }
        self.executable = executable
        self.environment = environment
        socket = "parley-bench-\(getpid())-\(UUID().uuidString.prefix(8))"
        ChildRegistry.shared.addTmux(executable: executable, socket: socket, path: socketPath)
        let started = try ChildProcess(
            executable: executable,
            arguments: ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "\(columns)", "-y", "\(rows)",
                        "-c", directory, command],
            environment: environment, stdout: "/dev/null", stderr: "/dev/null"
        ).measure(deadline: 10, memoryCap: Int.max)
        guard started.succeeded else {
            close()
            throw BenchError("tmux new-session failed: \(started.failureNote ?? "")")
        }
    }

    deinit { close() }

    /// Types `text` literally into the pane.
    func type(_ text: String) throws { try run(["send-keys", "-t", "bench:", "-l", text]) }

    /// Presses named keys such as `Enter` or `C-q`.
    func press(_ keys: String...) throws { try run(["send-keys", "-t", "bench:"] + keys) }

    /// The visible pane as text, one line per row.
    func capture() throws -> String { try run(["capture-pane", "-p", "-t", "bench:"]) }

    /// The pid of the process the pane runs.
    func panePID() throws -> pid_t? {
        pid_t(try run(["display-message", "-p", "-t", "bench:", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the pane every `interval` seconds until `condition` holds or `seconds` pass; returns the last
    /// screen and whether the condition held.
    func wait(seconds: Double, interval: Double = 0.01, until condition: (String) -> Bool) throws -> (met: Bool, screen: String) {
        let deadline = StoreBenchmark.now() + seconds
        var screen = try capture()
        while !condition(screen) {
            guard StoreBenchmark.now() < deadline else { return (false, screen) }
            usleep(useconds_t(interval * 1_000_000))
            screen = try capture()
        }
        return (true, screen)
    }

    /// Waits until the pane has not changed for `quiet` seconds, or `seconds` pass; returns the last screen.
    ///
    /// For apps that draw their first screen before they take keys (Textual mounts widgets in steps).
    @discardableResult
    func settle(quiet: Double = 0.5, seconds: Double = 10) throws -> String {
        let deadline = StoreBenchmark.now() + seconds
        var screen = try capture()
        var since = StoreBenchmark.now()
        while StoreBenchmark.now() < deadline {
            usleep(50_000)
            let next = try capture()
            if next != screen {
                screen = next
                since = StoreBenchmark.now()
            } else if StoreBenchmark.now() - since >= quiet {
                break
            }
        }
        return screen
    }

    /// Kills the tmux server and everything running in it, and removes its socket file, which tmux leaves.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socketPath)
        ChildRegistry.shared.removeTmux(socket: socket)
    }

    /// Runs one tmux client command with a 10 s deadline and returns what it printed.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw BenchError("pipe failed: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let client: ChildProcess
        do {
            client = try ChildProcess(
                executable: executable, arguments: ["-L", socket] + arguments, environment: environment,
                stdout: "/dev/null", stderr: "/dev/null", stdoutDescriptor: ends[1])
        } catch {
            Glibc.close(ends[0])
            Glibc.close(ends[1])
            throw error
        }
        Glibc.close(ends[1])
        let output = Self.readAll(ends[0], until: StoreBenchmark.now() + 10)
        Glibc.close(ends[0])
        let outcome = client.measure(deadline: 10, memoryCap: Int.max)
        guard outcome.succeeded else {
            throw BenchError("tmux \(arguments.first ?? "") failed: \(outcome.failureNote ?? "")")
        }
        return output
    }

    /// Reads `descriptor` to its end or until `deadline`.
    private static func readAll(_ descriptor: Int32, until deadline: Double) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let left = deadline - StoreBenchmark.now()
            guard left > 0 else { break }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
