import Config
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A profile's `api_key_command`, run so that it can neither hang Parley nor touch the user's terminal.
///
/// The command runs under `/bin/sh -c` in a process group of its own, with standard input from `/dev/null`
/// and both output streams captured (a key on standard output; standard error is shown when it fails). After
/// `timeout` seconds the whole group is killed, before the shell is reaped, so the group id is still ours.
/// `resolve()` waits on a thread of its own, never on the cooperative pool or the curses thread, so a slow
/// command cannot freeze the screen.
struct KeyCommand: Sendable {
    var command: String
    var profile: String
    var timeout: Double

    /// Most of standard output and standard error kept; a key is far shorter, and a message only needs its end.
    private static let outputLimit = 64 << 10
    private static let errorLimit = 4 << 10

    /// Runs the command on a thread of its own and returns the key it printed.
    func resolve() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run() }) }.start()
        }
    }

    /// Runs the command and waits for it on the calling thread; the key it printed, trimmed.
    func run() throws -> String {
        let result = try spawnAndCollect()
        let said = Self.readable(result.error)
        let suffix = said.isEmpty ? "" : ". It said: \(said)"
        if result.timedOut {
            throw ConfigError(
                "Profile \"\(profile)\": api_key_command did not finish within \(Self.seconds(timeout)) s and was "
                    + "stopped\(suffix). It runs without a terminal and with no input; check the command, or raise "
                    + "api_key_command_timeout in the profile.")
        }
        if let signal = result.signal {
            throw ConfigError("Profile \"\(profile)\": api_key_command was killed by signal \(signal)\(suffix)")
        }
        let key = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !key.isEmpty else {
            throw ConfigError(
                "Profile \"\(profile)\": api_key_command exited with status \(result.status) and printed "
                    + (key.isEmpty ? "no key" : "a key") + suffix)
        }
        return key
    }

    private struct Outcome {
        var output: [UInt8] = []
        var error: [UInt8] = []
        var status: Int32 = 0
        var signal: Int32?
        var timedOut = false
    }

    private func spawnAndCollect() throws -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw failure("cannot create a pipe") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw failure("cannot create a pipe")
        }
        let pid: pid_t
        do {
            pid = try spawn(stdout: outPipe[1], stderr: errPipe[1], closing: [outPipe[0], errPipe[0]])
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        let deadline = Date().addingTimeInterval(timeout)
        var outcome = Outcome()
        var open: [Int32: Bool] = [outPipe[0]: true, errPipe[0]: true]
        while open.values.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { break }
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0, errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(entry.fd, &buffer, buffer.count)
                if count <= 0 { open[entry.fd] = false; continue }
                if entry.fd == outPipe[0] {
                    if outcome.output.count < Self.outputLimit { outcome.output += buffer[0..<count] }
                } else {
                    outcome.error += buffer[0..<count]
                    if outcome.error.count > Self.errorLimit { outcome.error.removeFirst(outcome.error.count - Self.errorLimit) }
                }
            }
        }
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR { break }
            if deadline.timeIntervalSinceNow <= 0 {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                outcome.timedOut = true
                return outcome
            }
            usleep(5_000)
        }
        if status & 0x7f == 0 {
            outcome.status = (status >> 8) & 0xff
        } else {
            outcome.signal = status & 0x7f
        }
        return outcome
    }

    /// `/bin/sh -c command` in a new process group, input from `/dev/null`, output to the given pipes, with
    /// the default signal mask and dispositions (Parley's own are not the command's business).
    private func spawn(stdout: Int32, stderr: Int32, closing: [Int32]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for fd in closing + [stdout, stderr] { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        guard code == 0 else { throw failure(String(cString: strerror(code))) }
        return pid
    }

    private func failure(_ reason: String) -> ConfigError {
        ConfigError("Profile \"\(profile)\": cannot run api_key_command: \(reason)")
    }

    /// Standard error as one short line, control characters shown as `?` so it cannot drive the terminal.
    private static func readable(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let flat = text.unicodeScalars.map { scalar -> String in
            if scalar == "\n" || scalar == "\t" { return " " }
            return scalar.value < 0x20 || (0x7f..<0xa0).contains(scalar.value) ? "?" : String(scalar)
        }.joined()
        return flat.count > 500 ? "…" + String(flat.suffix(500)) : flat
    }

    private static func seconds(_ value: Double) -> String { String(format: "%g", value) }
}
