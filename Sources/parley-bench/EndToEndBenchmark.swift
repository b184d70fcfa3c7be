import Foundation

/// The end-to-end benchmark: the real `parley` workbench and `parley send` beside curl on one loopback stream.
///
/// The figures are what a user meets (memory, CPU, time to the last word, key latency while a reply floods
/// in), measured through the command line and the screen only, so the same harness judges any build of
/// Parley against the targets printed beside each figure.
struct EndToEndBenchmark {
    var parley: String
    var burstSizes = [4_000, 20_000, 100_000]
    /// Chunks in the paced run (one every 10 ms), or nil to skip it.
    var pacedChunks: Int? = 1_000
    /// The watchdog kills any child whose RSS passes this.
    var memoryCap = 3 << 30
    /// The terminal chat clients to measure beside Parley on each stream (`--peers`), or nil for Parley alone.
    var peers: Peers?

    /// The size the targets for memory, time on screen and the ratio to curl are set for.
    private static let targetChunks = 100_000

    func run() throws {
        let parley = URL(fileURLWithPath: parley).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: parley) else {
            throw BenchError("no parley binary at \(parley); build it with `swift build -c release` or pass --parley PATH")
        }
        guard let curl = Self.onPath("curl") else { throw BenchError("curl is not installed") }
        guard TmuxScreen.executablePath != nil else { throw BenchError("tmux is not installed") }
        guard FileManager.default.isExecutableFile(atPath: CommandRun.timeExecutable) else {
            throw BenchError("GNU time is not installed at \(CommandRun.timeExecutable) (Debian package time)")
        }
        ChildRegistry.shared.cleanUpOnSignals()
        let folder = try ChildRegistry.shared.makeScratchFolder("e2e")
        defer { ChildRegistry.shared.removeScratchFolder(folder) }
        let server = try StreamServer()
        defer { server.stop() }

        print("Parley end-to-end benchmark: \(parley) and curl against a loopback stream server (tmux 120x36)")
        var scenarios = burstSizes.map { ($0, false) }
        if let pacedChunks { scenarios.append((pacedChunks, true)) }
        var figures: [Figure] = []
        var peerPass = try peers.map { try PeerPass(peers: $0, server: server, folder: folder + "/peers", memoryCap: memoryCap) }
        for (chunks, paced) in scenarios {
            let scenarioFolder = folder + "/\(paced ? "paced" : "burst")-\(chunks)"
            try FileManager.default.createDirectory(atPath: scenarioFolder, withIntermediateDirectories: true)
            let environment = try Self.isolatedEnvironment(in: scenarioFolder)
            figures += try ScenarioRun(
                chunks: chunks, paced: paced, server: server, parley: parley, curl: curl, environment: environment,
                folder: scenarioFolder, deadline: paced ? Double(chunks) * 0.01 + 20 : 20 + Double(chunks) * 0.0004,
                memoryCap: memoryCap, hasSizeTargets: chunks == Self.targetChunks
            ).run()
            _ = try peerPass?.run(chunks: chunks, paced: paced, folder: scenarioFolder)
            try? FileManager.default.removeItem(atPath: scenarioFolder)
        }
        let judged = figures.compactMap(\.target)
        print("end-to-end targets met: \(judged.filter(\.met).count) of \(judged.count)")
    }

    /// This process's environment made safe for the children: a fresh home and XDG folders, no API key,
    /// config, database or proxy of the user's, and a UTF-8 locale so the screen can be read.
    static func isolatedEnvironment(in folder: String) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENAI_API_KEY", "PARLEY_CONFIG", "PARLEY_DB", "TMUX", "TMUX_PANE", "LC_CTYPE", "LANGUAGE",
                     "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            environment[name] = nil
        }
        for (name, path) in [("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                             ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")] {
            try FileManager.default.createDirectory(atPath: folder + "/" + path, withIntermediateDirectories: true)
            environment[name] = folder + "/" + path
        }
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["LC_ALL"] = "C.UTF-8"
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    /// The path of `name` on `PATH`, if it is there.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
