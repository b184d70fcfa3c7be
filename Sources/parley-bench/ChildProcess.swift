import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A benchmarked child started with `posix_spawn` and an empty signal mask, measured with `wait4`'s rusage.
///
/// Foundation's `Process` can hand children a blocked signal mask, so a child started that way may never
/// die of SIGTERM; this resets the mask and the usual dispositions. A watchdog kills the child when it passes
/// its deadline or its memory cap, so a slow or bloated binary becomes a reported miss instead of a hang.
final class ChildProcess {
    /// How a measured child ended, with what it cost.
    struct Outcome {
        enum Ending {
            case exited(Int32)
            case signalled(Int32)
            case killedForMemory(residentBytes: Int)
            case killedForTime
        }

        var ending: Ending
        var wallSeconds: Double
        var cpuSeconds: Double
        /// The highest RSS the watchdog saw in its 10 ms samples of the child and its children.
        ///
        /// Not `ru_maxrss`: a child from `posix_spawn` shares this process's memory until it execs, and the
        /// kernel carries that high-water mark into the child's, so `wait4` would report at least the harness's
        /// own peak. `CommandRun` gets the exact figure from GNU time instead.
        var sampledPeakBytes: Int

        /// True when the child exited by itself with status 0.
        var succeeded: Bool {
            if case .exited(0) = ending { return true }
            return false
        }

        /// A short account of an unsuccessful ending, such as "killed at 3.0 GB after 12.4 s".
        var failureNote: String? {
            switch ending {
            case .exited(0): return nil
            case .exited(let code): return "exited with status \(code) after \(Figure.seconds(wallSeconds))"
            case .signalled(let signal): return "died of signal \(signal) after \(Figure.seconds(wallSeconds))"
            case .killedForMemory(let bytes):
                return "killed at \(Figure.megabytes(bytes)) RSS after \(Figure.seconds(wallSeconds))"
            case .killedForTime: return "killed at the \(Figure.seconds(wallSeconds)) deadline, \(Figure.megabytes(sampledPeakBytes)) RSS"
            }
        }
    }

    let pid: pid_t
    let started: Double
    private var reaped = false

    /// Starts `executable`; standard input is /dev/null, standard output and error go to the given files, or
    /// standard output to `stdoutDescriptor` when one is given.
    init(
        executable: String, arguments: [String], environment: [String: String], stdout: String, stderr: String,
        stdoutDescriptor: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdoutDescriptor {
            posix_spawn_file_actions_adddup2(&actions, stdoutDescriptor, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        started = StoreBenchmark.now()
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(result)))") }
        pid = child
        ChildRegistry.shared.add(child)
    }

    deinit { kill() }

    /// Waits for the child to exit, killing it past `deadline` seconds or above `memoryCap` bytes of RSS.
    ///
    /// The watchdog looks at the child and its own children, so a command run under a measuring wrapper such
    /// as GNU time is capped too; it kills the children first so the wrapper can still reap and report them,
    /// and the wrapper itself only if it has not exited 2 s later.
    func measure(deadline: Double, memoryCap: Int) -> Outcome {
        var status: Int32 = 0
        var usage = rusage()
        var watchdogPeak = 0
        var killedFor: Outcome.Ending?
        var killedAt = 0.0
        var polls = 0
        while true {
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { break }
            if result == -1, errno != EINTR { break }
            polls += 1
            if killedFor == nil, polls % 10 == 0 {
                let watched = ProcessProbe(pid: pid).children + [pid]
                let resident = watched.map { ProcessProbe(pid: $0).residentBytes ?? 0 }.max() ?? 0
                watchdogPeak = max(watchdogPeak, resident)
                if resident > memoryCap {
                    killedFor = .killedForMemory(residentBytes: resident)
                } else if StoreBenchmark.now() - started > deadline {
                    killedFor = .killedForTime
                }
                if killedFor != nil {
                    killedAt = StoreBenchmark.now()
                    watched.dropLast().forEach { Glibc.kill($0, SIGKILL) }
                    if watched.count == 1 { Glibc.kill(pid, SIGKILL) }
                }
            } else if killedFor != nil, StoreBenchmark.now() - killedAt > 2 {
                Glibc.kill(pid, SIGKILL)
            }
            usleep(1_000)
        }
        let wall = StoreBenchmark.now() - started
        reaped = true
        ChildRegistry.shared.remove(pid)
        let cpu = Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
        let ending: Outcome.Ending
        if let killedFor {
            ending = killedFor
        } else if status & 0x7F == 0 {
            ending = .exited((status >> 8) & 0xFF)
        } else {
            ending = .signalled(status & 0x7F)
        }
        return Outcome(ending: ending, wallSeconds: wall, cpuSeconds: cpu, sampledPeakBytes: watchdogPeak)
    }

    /// Kills and reaps the child if it is still there.
    func kill() {
        guard !reaped else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        reaped = true
        ChildRegistry.shared.remove(pid)
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
}
