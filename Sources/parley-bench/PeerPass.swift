import Foundation

/// The peers' pass through one end-to-end run: finds the installed peers, starts each once on a short reply
/// (so disk caches and Python's compiled files are warm, as they are for Parley's later runs), and runs each
/// after Parley on every stream, unless it ran out of time on a smaller burst.
///
/// A peer that is not installed, or whose warm-up fails, gets one line saying why and is left out.
struct PeerPass {
    var peers: Peers
    var server: StreamServer
    var folder: String
    var memoryCap: Int
    private var ready: [(kind: Peers.Kind, executable: String)] = []
    /// The smallest burst each peer did not finish.
    private var unfinishedBurst: [Peers.Kind: Int] = [:]

    /// The warm-up reply's size.
    static let warmUpChunks = 10

    init(peers: Peers, server: StreamServer, folder: String, memoryCap: Int) throws {
        self.peers = peers
        self.server = server
        self.folder = folder
        self.memoryCap = memoryCap
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        print("Peers from \(peers.folder), each run killed after \(Int(peers.timeout)) s; the warm-up run is not a figure")
        for kind in peers.selected {
            let scenario = run(chunks: Self.warmUpChunks, paced: false, folder: folder, label: "warm-up")
            guard let executable = peers.executable(kind) else {
                _ = scenario.skipped(kind, "not installed (no \(peers.folder)/\(kind.rawValue)/bin/\(kind.command)); `make bench-peers` installs it")
                continue
            }
            let (_, finished, _) = try scenario.run(kind, executable: executable)
            if finished {
                ready.append((kind, executable))
            } else {
                _ = scenario.skipped(kind, "left out: its warm-up failed")
            }
        }
    }

    /// Runs every ready peer on one stream; returns their figures.
    mutating func run(chunks: Int, paced: Bool, folder: String) throws -> [Figure] {
        var figures: [Figure] = []
        for (kind, executable) in ready {
            let scenario = run(chunks: chunks, paced: paced, folder: folder, label: "\(paced ? "paced" : "burst") \(chunks)")
            if !paced, let smaller = unfinishedBurst[kind], smaller <= chunks {
                figures.append(scenario.skipped(kind, "did not finish the \(smaller)-chunk burst"))
                continue
            }
            let (peerFigures, _, outOfTime) = try scenario.run(kind, executable: executable)
            figures += peerFigures
            if outOfTime, !paced { unfinishedBurst[kind] = min(unfinishedBurst[kind] ?? chunks, chunks) }
        }
        return figures
    }

    private func run(chunks: Int, paced: Bool, folder: String, label: String) -> PeerScenarioRun {
        PeerScenarioRun(chunks: chunks, paced: paced, server: server, peers: peers, folder: folder, memoryCap: memoryCap, label: label)
    }
}
