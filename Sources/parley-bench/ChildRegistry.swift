import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the end-to-end benchmark has started and must undo: child processes, tmux servers, temporary folders.
///
/// Normal runs clean up with `defer`; this registry also lets Ctrl-C or SIGTERM on `parley-bench` kill every
/// child and tmux server it started and remove its folders before exiting, so no run leaves anything behind.
final class ChildRegistry: @unchecked Sendable {
    static let shared = ChildRegistry()

    private let lock = NSLock()
    private var pids: Set<pid_t> = []
    private var tmuxServers: [String: (executable: String, socket: String, path: String)] = [:]
    private var folders: Set<String> = []
    private var sources: [any DispatchSourceSignal] = []

    func add(_ pid: pid_t) { locked { _ = pids.insert(pid) } }
    func remove(_ pid: pid_t) { locked { _ = pids.remove(pid) } }
    func addTmux(executable: String, socket: String, path: String) { locked { tmuxServers[socket] = (executable, socket, path) } }
    func removeTmux(socket: String) { locked { tmuxServers[socket] = nil } }
    func addFolder(_ path: String) { locked { _ = folders.insert(path) } }
    func removeFolder(_ path: String) { locked { _ = folders.remove(path) } }

    /// Makes a fresh temporary folder `parley-bench-NAME-…`, removed with everything in it when the run is
    /// interrupted or when `removeScratchFolder` is called.
    func makeScratchFolder(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-bench-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addFolder(folder)
        return folder
    }

    func removeScratchFolder(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
        removeFolder(folder)
    }

    /// Installs SIGINT and SIGTERM handlers that clean up and exit with 130.
    func cleanUpOnSignals() {
        locked {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    cleanUpEverything()
                    FileHandle.standardError.write(Data("parley-bench: interrupted; children, tmux and folders cleaned up\n".utf8))
                    exit(130)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Kills every registered child and tmux server and removes every registered folder.
    func cleanUpEverything() {
        let (children, servers, paths) = locked { (pids, Array(tmuxServers.values), folders) }
        for pid in children {
            for grandchild in ProcessProbe(pid: pid).children { kill(grandchild, SIGKILL) }
            kill(pid, SIGKILL)
        }
        for server in servers {
            let client = try? ChildProcess(
                executable: server.executable, arguments: ["-L", server.socket, "kill-server"],
                environment: ProcessInfo.processInfo.environment, stdout: "/dev/null", stderr: "/dev/null")
            _ = client?.measure(deadline: 5, memoryCap: Int.max)
            try? FileManager.default.removeItem(atPath: server.path)
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
