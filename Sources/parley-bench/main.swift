import Foundation

let usage = """
    usage: parley-bench [--parley PATH] [stream [EVENTS] [--only ROW]... | cancel | proxy | render | store [CONVERSATIONS [DBPATH]] | journal [CHUNKS] | e2e [--chunks N]... [--paced N]
                        [--peers] [--peer llm,elia,oterm] [--peers-dir DIR] [--peer-timeout SECONDS]
                        | bigevent [MIB]... | faults [--only FAULT]... [--kind PROVIDER]... [--readme PATH] | write-forever DBPATH]
    """

/// Removes `--name VALUE` pairs from `arguments` and returns their values in order.
func takeOption(_ name: String, from arguments: inout [String]) -> [String] {
    var values: [String] = []
    while let index = arguments.firstIndex(of: name) {
        guard index + 1 < arguments.count else {
            FileHandle.standardError.write(Data("parley-bench: \(name) needs a value\n\(usage)\n".utf8))
            exit(2)
        }
        values.append(arguments[index + 1])
        arguments.removeSubrange(index...(index + 1))
    }
    return values
}

/// The `parley` binary built beside this one, which `make bench` builds first.
func siblingParley() -> String {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("parley").path
}

var arguments = Array(CommandLine.arguments.dropFirst())
/// Absolute, since tmux runs commands from a folder of its own: a relative `--parley` would not be found there.
let parleyPath = absolutePath(takeOption("--parley", from: &arguments).last ?? siblingParley())
do {
    switch arguments.first {
    case "write-forever":
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: parley-bench write-forever DBPATH\n".utf8))
            exit(2)
        }
        try WriteForever.run(path: arguments[1])
    case "journal":
        guard arguments.count <= 2, let chunks = arguments.count == 2 ? Int(arguments[1]) : 100_000, chunks > 0 else {
            FileHandle.standardError.write(Data("usage: parley-bench journal [CHUNKS]\n".utf8))
            exit(2)
        }
        try JournalBenchmark(chunks: chunks).runWaiting()
    case "store":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
        try StoreBenchmark(conversations: count, keptPath: arguments.count > 2 ? arguments[2] : nil, parley: parleyPath).run()
    case "stream":
        var options = Array(arguments.dropFirst())
        let only = takeOption("--only", from: &options)
        guard options.count <= 1, only.allSatisfy(StreamBenchmark.rowKeys.contains) else {
            FileHandle.standardError.write(Data(
                "usage: parley-bench stream [EVENTS] [--only ROW]... (rows: \(StreamBenchmark.rowKeys.joined(separator: ", ")))\n".utf8))
            exit(2)
        }
        StreamBenchmark(events: options.first.flatMap { Int($0) } ?? 50_000, only: only).run()
    case "faults":
        var options = Array(arguments.dropFirst())
        let table = FaultTable(
            parley: parleyPath, only: takeOption("--only", from: &options), kinds: takeOption("--kind", from: &options),
            readme: takeOption("--readme", from: &options).last)
        guard options.isEmpty else {
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            exit(2)
        }
        // Rows below the bar are the table's findings, not the harness failing: it exits 0 once the table is made.
        _ = try await table.run()
    case "cancel":
        try await CancelBenchmark().run()
    case "proxy":
        try ProxyBenchmark(parley: parleyPath).run()
    case "render":
        RenderBenchmark().run()
    case "e2e":
        var options = Array(arguments.dropFirst())
        var benchmark = EndToEndBenchmark(parley: parleyPath)
        let chunks = takeOption("--chunks", from: &options).map { Int($0) }
        let paced = takeOption("--paced", from: &options).map { Int($0) }
        let peerNames = takeOption("--peer", from: &options)
        let peersDirectory = takeOption("--peers-dir", from: &options).last
        let peerTimeout = takeOption("--peer-timeout", from: &options).last.map { Double($0) }
        let wantsPeers = options.contains("--peers") || !peerNames.isEmpty || peersDirectory != nil
        options.removeAll { $0 == "--peers" }
        guard options.isEmpty, !chunks.contains(nil), !paced.contains(nil) else {
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            exit(2)
        }
        if wantsPeers {
            var peers = Peers(folder: peersDirectory ?? FileManager.default.currentDirectoryPath + "/.venv-peers")
            if !peerNames.isEmpty {
                guard let kinds = Peers.kinds(peerNames.joined(separator: ",")) else {
                    FileHandle.standardError.write(Data("parley-bench: --peer takes llm, elia or oterm (comma-separated), not \(peerNames.joined(separator: ","))\n".utf8))
                    exit(2)
                }
                peers.selected = kinds
            }
            if let peerTimeout {
                guard let seconds = peerTimeout, seconds > 0 else {
                    FileHandle.standardError.write(Data("parley-bench: --peer-timeout takes a number of seconds above 0\n".utf8))
                    exit(2)
                }
                peers.timeout = seconds
            }
            benchmark.peers = peers
        }
        if !chunks.isEmpty {
            benchmark.burstSizes = chunks.compactMap { $0 }.filter { $0 > 0 }
            benchmark.pacedChunks = nil
        }
        if let last = paced.last { benchmark.pacedChunks = last.flatMap { $0 > 0 ? $0 : nil } }
        try benchmark.run()
    case "bigevent":
        var benchmark = BigEventBenchmark(parley: parleyPath)
        let sizes = arguments.dropFirst().map { Int($0) }
        guard !sizes.contains(nil), !sizes.contains(where: { $0! <= 0 }) else {
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            exit(2)
        }
        if !sizes.isEmpty { benchmark.sizes = sizes.map { $0! << 20 } }
        try benchmark.run()
    case nil:
        StreamBenchmark().run()
        print("")
        try await CancelBenchmark().run()
        print("")
        try ProxyBenchmark(parley: parleyPath).run()
        print("")
        RenderBenchmark().run()
        print("")
        try StoreBenchmark(conversations: 100_000, keptPath: nil, parley: parleyPath).run()
        print("")
        try JournalBenchmark(chunks: 100_000).runWaiting()
        print("")
        try EndToEndBenchmark(parley: parleyPath).run()
        print("")
        try BigEventBenchmark(parley: parleyPath).run()
    default:
        FileHandle.standardError.write(Data("\(usage)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
    exit(1)
}

func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}
