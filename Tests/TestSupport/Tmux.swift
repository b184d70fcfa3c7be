import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server on a private socket with one fixed-size window, for driving the real binary.
///
/// tmux is started with `posix_spawn` and an empty signal mask: processes started by `Foundation.Process`
/// inside `swift test` inherit a blocked mask and may never exit (design.md, platform traps).
public final class Tmux: @unchecked Sendable {
    public let socket: String
    private let executable: String

    /// The tmux executable on `PATH`, or `nil` when tmux is not installed.
    public static var executablePath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts a detached session of the given size running `command` through `/bin/sh -c`.
    public init(columns: Int, rows: Int, command: String, directory: String) throws {
        guard let executable = Tmux.executablePath else { throw TmuxError("tmux is not installed") }
        self.executable = executable
        socket = "parley-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let result = try run(["new-session", "-d", "-s", "e2e", "-x", "\(columns)", "-y", "\(rows)", "-c", directory, command])
        guard result.status == 0 else { throw TmuxError("tmux new-session failed: \(result.output)") }
    }

    /// Where tmux puts the `-L` socket; it stays there after the server exits.
    private var socketPath: String {
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(directory)/tmux-\(getuid())/\(socket)"
    }

    /// Kills the server and removes its socket, so a test leaves no tmux behind.
    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Types text literally.
    public func type(_ text: String) throws { _ = try run(["send-keys", "-t", "e2e:", "-l", text]) }

    /// Presses named keys (`Enter`, `Tab`, `C-q`, …).
    public func press(_ keys: String...) throws { _ = try run(["send-keys", "-t", "e2e:"] + keys) }

    /// Pastes `text` as a terminal would: through a tmux buffer, bracketed (`ESC [200~` … `ESC [201~`) when
    /// the program asked for bracketed paste; tmux sends each line end as a carriage return.
    public func paste(_ text: String) throws {
        let file = try TemporaryFolder.make("parley-paste")
        defer { TemporaryFolder.remove(file) }
        let path = file.appendingPathComponent("buffer").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try run(["load-buffer", "-b", "e2e-paste", path])
        _ = try run(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", "e2e:"])
    }

    /// Sets a server option, such as `set-clipboard on` (OSC 52 from programs fills a paste buffer).
    public func setServerOption(_ name: String, _ value: String) throws {
        _ = try run(["set-option", "-s", name, value])
    }

    /// The newest paste buffer's text (what the last OSC 52 copy put there), or `nil` when there is none.
    public func newestBuffer() throws -> String? {
        let result = try run(["show-buffer"])
        return result.status == 0 ? result.output : nil
    }

    /// The visible pane as text, one line per row.
    public func capture() throws -> String { try run(["capture-pane", "-p", "-t", "e2e:"]).output }

    /// The visible pane with its styles as SGR escape sequences (`capture-pane -e`), as tmux recorded them.
    public func captureStyled() throws -> String { try run(["capture-pane", "-e", "-p", "-t", "e2e:"]).output }

    /// A tmux format value of the pane, such as `#{alternate_on}`.
    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "e2e:", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(columns: Int, rows: Int) throws {
        _ = try run(["resize-window", "-t", "e2e:", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the pane every 50 ms until `condition` holds or `seconds` pass; returns the last capture and
    /// whether the condition held.
    public func wait(seconds: Double, until condition: (String) -> Bool) throws -> (met: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = try capture()
        while !condition(screen) {
            guard Date() < deadline else { return (false, screen) }
            usleep(50_000)
            screen = try capture()
        }
        return (true, screen)
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try TmuxSpawn.run(executable, ["-L", socket, "-f", "/dev/null"] + arguments)
    }
}

/// A tmux command failed or tmux is missing.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Runs one short tmux client command (through `SpawnedProcess`: empty signal mask, output to files).
///
/// Output goes to files, not a pipe: the tmux server that `new-session` forks keeps inherited descriptors
/// open, so reading a pipe to its end would never finish.
private enum TmuxSpawn {
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let logs = try TemporaryFolder.make("parley-tmux")
        defer { TemporaryFolder.remove(logs) }
        let process = try SpawnedProcess(executable: executable, arguments: arguments, logDirectory: logs)
        guard let status = process.waitForExit(timeout: 10) else {
            process.stop()
            throw TmuxError("tmux \(arguments.joined(separator: " ")) did not finish within 10 s")
        }
        let out = (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: process.stderrFile, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, out + err)
    }
}
