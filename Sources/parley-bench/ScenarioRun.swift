import Foundation

/// One stream size, burst or paced: curl, `parley send` (without the store, with `--jsonl`, and storing as it
/// does by default) and the workbench side by side.
///
/// Runs them one after another on the same server and prints each figure with its target, judging a run
/// that failed or was killed as a miss whatever its numbers say.
struct ScenarioRun {
    var chunks: Int
    var paced: Bool
    var server: StreamServer
    var parley: String
    var curl: String
    var environment: [String: String]
    var folder: String
    var deadline: Double
    var memoryCap: Int
    /// Whether the memory, screen and curl-ratio targets (set for 100,000 chunks) apply.
    var hasSizeTargets: Bool

    private var label: String { "\(paced ? "paced" : "burst") \(chunks)" }

    /// curl and `send` run three times on a burst and report the run of median wall time; a paced run takes
    /// ten seconds and varies far less, so it runs once.
    private var repeats: Int { paced ? 1 : 3 }

    /// Runs the five clients and returns the figures it printed.
    func run() throws -> [Figure] {
        let url = server.baseURL(chunks: chunks, paced: paced)
        _ = server.body(chunks: chunks)
        let request = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        let curlRun = try CommandRun(
            executable: curl,
            arguments: ["-N", "-s", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d", request,
                        url + "/chat/completions"],
            environment: environment, folder: folder, checksOutput: false
        ).run(deadline: deadline, memoryCap: memoryCap, times: repeats)
        var figures = report("curl", curlRun, curlWall: nil)
        let curlWall = curlRun.problem == nil ? curlRun.wallSeconds : nil
        for options in [["--no-store"], ["--no-store", "--jsonl"], []] {
            let send = try CommandRun(
                executable: parley,
                arguments: ["send"] + options + ["--base-url", url, "--model", "m", "hi"],
                environment: environment, folder: folder, checksOutput: true
            ).run(deadline: deadline, memoryCap: memoryCap, times: repeats)
            figures += report((["send"] + options).joined(separator: " ") + (options.isEmpty ? " (stores)" : ""),
                              send, curlWall: curlWall)
        }
        let workbench = WorkbenchRun(
            parley: parley, baseURL: url, environment: environment, folder: folder, typesDuringStream: !paced
        ).run(server: server, deadline: deadline, memoryCap: memoryCap)
        return figures + report(workbench)
    }

    private func report(_ client: String, _ result: CommandRun.Result, curlWall: Double?) -> [Figure] {
        let ok = result.problem == nil
        let isSend = client != "curl"
        var wallTarget: (String, Bool)?
        if isSend, hasSizeTargets, !paced {
            wallTarget = curlWall.map { curl in
                (String(format: "< 3x curl (%.2fx)", result.wallSeconds / curl), ok && result.wallSeconds < 3 * curl)
            } ?? ("< 3x curl (curl failed)", false)
        }
        var figures = [
            figure(client, repeats > 1 ? "wall (median of \(repeats))" : "wall", Figure.seconds(result.wallSeconds), wallTarget),
            figure(client, "CPU user+sys", Figure.seconds(result.cpuSeconds),
                   isSend && paced ? ("< 0.15 s", ok && result.cpuSeconds < 0.15) : nil),
            figure(client, "peak RSS", Figure.megabytes(result.peakResidentBytes),
                   isSend && hasSizeTargets ? ("< 100 MB", ok && result.peakResidentBytes < 100 << 20) : nil),
        ]
        if let problem = result.problem { figures.append(figure(client, "run", "FAILED: \(problem)", nil)) }
        return figures
    }

    private func report(_ result: WorkbenchRun.Result) -> [Figure] {
        let client = "workbench"
        let ok = result.problem == nil
        let missing = "not reached"
        let atKill = ok ? "" : " when killed"
        let idle = result.idleKeyLatencies.map(Figure.milliseconds).joined(separator: ", ")
        var figures = [
            figure(client, "Enter to last word on screen", result.enterToScreen.map(Figure.seconds) ?? missing, nil),
            figure(client, "last byte to screen", result.lastByteToScreen.map(Figure.seconds) ?? missing,
                   hasSizeTargets && !paced ? ("< 2 s", ok && (result.lastByteToScreen ?? .infinity) < 2) : nil),
            figure(client, "CPU Enter to last word", result.cpuSeconds.map { Figure.seconds($0) + atKill } ?? missing,
                   paced ? ("< 0.3 s", ok && (result.cpuSeconds ?? .infinity) < 0.3) : nil),
            figure(client, "peak RSS", result.peakResidentBytes.map { Figure.megabytes($0) + atKill } ?? missing,
                   hasSizeTargets ? ("< 100 MB", ok && (result.peakResidentBytes ?? .max) < 100 << 20) : nil),
            figure(client, "key latency idle (floor)", idle.isEmpty ? missing : idle, nil),
        ]
        if !paced {
            let samples = (result.keyLatencies + Array(repeating: .infinity, count: result.keysUnseen)).sorted()
            let shown = { (latency: Double) in latency.isFinite ? Figure.milliseconds(latency) : "not seen within 5 s" }
            let median = samples.isEmpty ? nil : samples[samples.count / 2]
            let none = "no key typed before the last word"
            figures.append(figure(
                client, "key latency median", median.map { shown($0) + " (\(samples.count) typed during the stream)" } ?? none,
                ("< 50 ms", (median ?? .infinity) < 0.05)))
            figures.append(figure(
                client, "key latency worst", samples.last.map(shown) ?? none, ("< 50 ms", (samples.last ?? .infinity) < 0.05)))
        }
        if let problem = result.problem { figures.append(figure(client, "run", "FAILED: \(problem)", nil)) }
        return figures
    }

    /// Prints one figure and returns it, for the tally of targets met.
    private func figure(_ client: String, _ measure: String, _ value: String, _ target: (String, Bool)?) -> Figure {
        let figure = Figure(scenario: label, client: client, measure: measure, value: value, target: target.map { (goal: $0.0, met: $0.1) })
        figure.print()
        return figure
    }
}
