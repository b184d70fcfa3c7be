import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "write-forever":
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: parley-bench write-forever DBPATH\n".utf8))
            exit(2)
        }
        try WriteForever.run(path: arguments[1])
    case "store":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
        try StoreBenchmark(conversations: count, keptPath: arguments.count > 2 ? arguments[2] : nil).run()
    case "stream":
        let events = arguments.count > 1 ? Int(arguments[1]) ?? 50_000 : 50_000
        StreamBenchmark(events: events).run()
    case "render":
        RenderBenchmark().run()
    case nil:
        StreamBenchmark().run()
        print("")
        RenderBenchmark().run()
        print("")
        try StoreBenchmark(conversations: 100_000, keptPath: nil).run()
    default:
        FileHandle.standardError.write(Data("usage: parley-bench [stream [EVENTS] | render | store [CONVERSATIONS [DBPATH]] | write-forever DBPATH]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
    exit(1)
}
