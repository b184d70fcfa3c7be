import Foundation

/// Peak memory of `parley send` for one very large reply: a single event, and a single blocking document.
///
/// A server may send one event or one document of any size. What Parley must hold is that reply once as bytes
/// and once as text; every other copy is waste. The figure is the command's peak RSS under GNU time against the
/// loopback stream server, with and without the store, beside the target for a 20 MiB reply.
struct BigEventBenchmark {
    var parley: String
    /// Reply sizes in bytes.
    var sizes = [20 << 20]
    var memoryCap = 3 << 30

    /// The size the memory target is set for, and the target.
    private static let targetSize = 20 << 20
    private static let targetPeak = 100 << 20

    func run() throws {
        let parley = URL(fileURLWithPath: parley).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: parley) else {
            throw BenchError("no parley binary at \(parley); build it with `swift build -c release` or pass --parley PATH")
        }
        guard FileManager.default.isExecutableFile(atPath: CommandRun.timeExecutable) else {
            throw BenchError("GNU time is not installed at \(CommandRun.timeExecutable) (Debian package time)")
        }
        ChildRegistry.shared.cleanUpOnSignals()
        let folder = try ChildRegistry.shared.makeScratchFolder("big")
        defer { ChildRegistry.shared.removeScratchFolder(folder) }
        let server = try StreamServer()
        defer { server.stop() }

        print("Parley big-reply benchmark: peak RSS of \(parley) send for one large event or document (GNU time)")
        var figures: [Figure] = []
        for size in sizes {
            for document in [false, true] {
                let limit = String(2 * size + (1 << 20))
                for options in [["--no-store"], []] {
                    let run = try CommandRun(
                        executable: parley,
                        arguments: ["send"] + options + (document ? ["--no-stream"] : [])
                            + ["--max-event-size", limit, "--max-body-size", limit,
                               "--base-url", server.baseURL(bigReply: size, document: document), "--model", "m", "hi"],
                        environment: try EndToEndBenchmark.isolatedEnvironment(in: folder + "/\(UUID().uuidString.prefix(8))"),
                        folder: folder, checksOutput: true
                    ).run(deadline: 120, memoryCap: memoryCap)
                    let scenario = "\(document ? "doc" : "event") \(size >> 20) MiB"
                    let client = (["send"] + options).joined(separator: " ") + (options.isEmpty ? " (stores)" : "")
                    let ok = run.problem == nil
                    let target = size == Self.targetSize
                        ? (goal: "< \(Self.targetPeak >> 20) MB", met: ok && run.peakResidentBytes < Self.targetPeak) : nil
                    figures.append(Figure(scenario: scenario, client: client, measure: "peak RSS",
                                          value: Figure.megabytes(run.peakResidentBytes), target: target))
                    figures.last?.print()
                    figures.append(Figure(scenario: scenario, client: client, measure: "wall", value: Figure.seconds(run.wallSeconds)))
                    figures.last?.print()
                    if let problem = run.problem {
                        figures.append(Figure(scenario: scenario, client: client, measure: "run", value: "FAILED: \(problem)"))
                        figures.last?.print()
                    }
                }
            }
        }
        let judged = figures.compactMap(\.target)
        print("big-reply targets met: \(judged.filter(\.met).count) of \(judged.count)")
    }
}
