import Foundation

/// One peer on one stream size, against the same server and stream as Parley, printed in the same columns
/// without targets (the targets are Parley's).
///
/// `llm` is measured like `parley send`; elia and oterm like the workbench, in tmux at 120x36. Each run gets a
/// fresh home of its own, removed afterwards.
struct PeerScenarioRun {
    var chunks: Int
    var paced: Bool
    var server: StreamServer
    var peers: Peers
    var folder: String
    var memoryCap: Int
    /// The scenario column, such as "burst 4000".
    var label: String

    /// Runs `kind` once and returns its figures, whether it showed the whole reply, and whether it was stopped
    /// for taking too long (or too much memory) rather than failing otherwise.
    func run(_ kind: Peers.Kind, executable: String) throws -> (figures: [Figure], finished: Bool, outOfTime: Bool) {
        let peerFolder = folder + "/\(kind.rawValue)"
        try FileManager.default.createDirectory(atPath: peerFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: peerFolder) }
        let environment = try EndToEndBenchmark.isolatedEnvironment(in: peerFolder)
        let client = peers.label(kind)
        switch kind {
        case .llm:
            let result = try LLMPeerRun(
                executable: executable, baseURL: server.baseURL(chunks: chunks, paced: paced),
                environment: environment, folder: peerFolder
            ).run(deadline: peers.timeout, memoryCap: memoryCap)
            var figures = [
                figure(client, "wall", Figure.seconds(result.wallSeconds)),
                figure(client, "CPU user+sys", Figure.seconds(result.cpuSeconds)),
                figure(client, "peak RSS", Figure.megabytes(result.peakResidentBytes)),
            ]
            if let problem = result.problem { figures.append(figure(client, "run", "FAILED: \(problem)")) }
            let outOfTime = result.problem != nil && result.wallSeconds >= peers.timeout
            return (figures, result.problem == nil, outOfTime)
        case .elia, .oterm:
            let run = try ScreenPeers.run(
                kind, executable: executable, server: server, chunks: chunks, paced: paced,
                environment: environment, folder: peerFolder)
            let result = run.run(server: server, deadline: peers.timeout, memoryCap: memoryCap)
            return (report(client, result), result.problem == nil, result.outOfTime)
        }
    }

    private func report(_ client: String, _ result: ScreenPeerRun.Result) -> [Figure] {
        let missing = "not reached"
        let atStop = result.problem == nil ? "" : " when stopped"
        var figures = [
            figure(client, "start to first screen", result.startToReady.map(Figure.seconds) ?? missing),
            figure(client, "Enter to first word on screen", result.enterToFirstWord.map(Figure.seconds) ?? missing),
            figure(client, "Enter to last word on screen", result.enterToScreen.map(Figure.seconds) ?? missing),
            figure(client, "last byte to screen", result.lastByteToScreen.map(Figure.seconds) ?? missing),
            figure(client, "CPU Enter to last word", result.cpuSeconds.map { Figure.seconds($0) + atStop } ?? missing),
            figure(client, "peak RSS", result.peakResidentBytes.map { Figure.megabytes($0) + atStop } ?? missing),
        ]
        if result.requests > 1 {
            figures.append(figure(client, "chat requests for one prompt", "\(result.requests)"))
        }
        if let problem = result.problem { figures.append(figure(client, "run", "FAILED: \(problem)")) }
        return figures
    }

    /// A line for a peer that is not run on this stream, with the reason.
    func skipped(_ kind: Peers.Kind, _ reason: String) -> Figure {
        figure(peers.label(kind), "run", "skipped: \(reason)")
    }

    private func figure(_ client: String, _ measure: String, _ value: String) -> Figure {
        let figure = Figure(scenario: label, client: client, measure: measure, value: value, target: nil)
        figure.print()
        return figure
    }
}
