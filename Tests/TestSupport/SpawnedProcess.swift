import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn` and an empty signal mask, its output sent to files.
///
/// `Foundation.Process` inside `swift test` hands children the runner's blocked signal mask, so a server
/// started that way may ignore SIGTERM and never exit (design.md, platform traps). This spawns with every
/// signal unblocked and default dispositions, and stops the child by pid.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    public let stdoutFile: URL
    public let stderrFile: URL
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`; `environment` entries are added to this process's environment.
    /// Standard input reads `input` when given, else /dev/null.
    public init(
        executable: String, arguments: [String], environment: [String: String] = [:], logDirectory: URL, input: URL? = nil
    ) throws {
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        let name = URL(fileURLWithPath: executable).lastPathComponent
        stdoutFile = logDirectory.appendingPathComponent("\(name).stdout.log")
        stderrFile = logDirectory.appendingPathComponent("\(name).stderr.log")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(message: "posix_spawn \(executable) failed: \(String(cString: strerror(result)))")
        }
        pid = child
    }

    deinit {
        stop()
    }

    /// True until the child has exited and been reaped.
    public var isRunning: Bool {
        reap(blocking: false) == nil
    }

    /// Waits up to `timeout` seconds for the child to exit by itself; returns its wait status, or nil.
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = reap(blocking: false) { return status }
            usleep(5_000)
        }
        return reap(blocking: false)
    }

    /// Sends SIGTERM, waits up to `grace` seconds, then SIGKILL; always reaps. Returns the wait status.
    @discardableResult
    public func stop(grace: Double = 3) -> Int32 {
        if let status = reap(blocking: false) { return status }
        sendSignal(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if let status = reap(blocking: false) { return status }
            usleep(10_000)
        }
        sendSignal(pid, SIGKILL)
        return reap(blocking: true) ?? -1
    }

    /// The complete lines the child has written to stdout so far.
    public var outputLines: [String] {
        let text = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Waits up to `timeout` seconds until stdout has `count` lines that pass `test`; returns those seen.
    public func waitForLines(count: Int, timeout: Double, where test: (String) -> Bool) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var matching = outputLines.filter(test)
        while matching.count < count, Date() < deadline, isRunning {
            usleep(5_000)
            matching = outputLines.filter(test)
        }
        return matching
    }

    /// Sends `signal`, waits for the child to be gone, and returns the signal that ended it (0 for an exit).
    public func signal(_ signal: Int32) -> Int32 {
        if reap(blocking: false) == nil { sendSignal(pid, signal) }
        let status = reap(blocking: true) ?? 0
        return status & 0x7F
    }

    /// What the child wrote to stdout and stderr so far, for failure messages.
    public var output: String {
        let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        return "stdout:\n\(out)\nstderr:\n\(err)"
    }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard result == pid || (result == -1 && errno == ECHILD) else { return nil }
        exitStatus = status
        return status
    }
}

/// A child process could not be started or did not become ready.
public struct SpawnError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// The C `kill`, out of the way of `SpawnedProcess.signal(_:)`.
private func sendSignal(_ pid: pid_t, _ signal: Int32) {
    kill(pid, signal)
}
