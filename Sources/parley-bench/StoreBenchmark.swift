import ChatModel
import Foundation
import Store

/// Builds a large store and measures what a user waits for: opening, the first page, search, and writing.
struct StoreBenchmark {
    var conversations: Int
    var messagesPerConversation = 4
    /// A database to keep and reuse between runs (filled only when it has fewer conversations); else a
    /// temporary file that is removed afterwards.
    var keptPath: String?
    /// The `parley` binary whose first screen on the store is timed, or nil to skip that figure.
    var parley: String?

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(getpid())")
        let path = keptPath ?? directory.appendingPathComponent("bench.sqlite").path
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = TextGenerator(seed: 42)
        var table: [(String, String)] = []

        let fillStart = Self.now()
        let existing = (try? SQLiteStore(path: path).conversationCount(includeArchived: true)) ?? 0
        let firstOpenSeconds = Self.now() - fillStart
        if existing < conversations { try fill(path: path, text: &text) }
        let fillSeconds = Self.now() - fillStart
        if existing >= conversations {
            table.append(("reuse \(path)", "\(existing) conversations"))
            table.append(("first open (migrates the file if older)", Self.ms(firstOpenSeconds)))
        } else {
            table.append(("create \(conversations) conversations × \(messagesPerConversation) messages",
                      String(format: "%.1f s (%.0f conversations/s)", fillSeconds, Double(conversations) / fillSeconds)))
        }

        var openTimes: [Double] = []
        for _ in 0..<5 {
            let start = Self.now()
            _ = try SQLiteStore(path: path)
            openTimes.append(Self.now() - start)
        }
        table.append(("open (median of 5)", Self.ms(Self.percentile(openTimes, 0.5))))

        let store = try SQLiteStore(path: path)
        let list = try Self.measure(times: 200) { _ = try store.conversations(offset: 0, limit: 50) }
        table.append(("list first page of 50 (p50 / p95)", Self.ms(list.p50) + " / " + Self.ms(list.p95)))
        let deep = try Self.measure(times: 50) { _ = try store.conversations(offset: conversations / 2, limit: 50) }
        table.append(("list page at the middle (p50 / p95)", Self.ms(deep.p50) + " / " + Self.ms(deep.p95)))
        let all = try Self.measure(times: 50) { _ = try store.conversations(offset: 0, limit: 50, includeArchived: true) }
        table.append(("list first page with archived (p50 / p95)", Self.ms(all.p50) + " / " + Self.ms(all.p95)))
        let allDeep = try Self.measure(times: 50) {
            _ = try store.conversations(offset: conversations / 2, limit: 50, includeArchived: true)
        }
        table.append(("list middle page with archived (p50 / p95)", Self.ms(allDeep.p50) + " / " + Self.ms(allDeep.p95)))

        var queries: [String] = []
        for i in 0..<500 {
            switch i % 4 {
            case 0: queries.append(text.word())
            case 1: queries.append(text.word() + " " + text.word())
            case 2: queries.append(String(text.word().prefix(3)))
            default: queries.append(text.vocabulary[Int(text.next() % UInt64(text.vocabulary.count))])
            }
        }
        var hits = 0
        var index = 0
        var slowest: [(Double, String)] = []
        let search = try Self.measure(times: queries.count) {
            let start = Self.now()
            hits += try store.search(queries[index], limit: 20).count
            slowest.append((Self.now() - start, queries[index]))
            index += 1
        }
        let worst = slowest.sorted { $0.0 > $1.0 }.prefix(3).map { "\($0.1) (\(Self.ms($0.0)))" }
        table.append(("search, 500 queries, top 20 (p50 / p95)", Self.ms(search.p50) + " / " + Self.ms(search.p95)))
        table.append(("search slowest queries", worst.joined(separator: ", ")))
        table += try ListBenchmark(store: store).run(queries: queries.enumerated().filter { $0.offset % 4 == 0 }.map(\.element))

        if let parley {
            table.append(("workbench first screen in tmux, empty store / this one (median of 3)",
                          try firstScreen(parley: parley, store: store, directory: directory, path: path)))
        }
        table.append(("raw-record append (RunWriter, 64/batch)", try appendThroughput(store)))
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        table.append(("database size", String(format: "%.0f MB", Double(size) / 1_048_576)))

        let width = table.map(\.0.count).max() ?? 0
        print("Parley store benchmark (\(conversations) conversations, average \(hits / max(1, queries.count)) hits/query)")
        for (name, value) in table {
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
    }

    /// Starts the real workbench on an empty store and on this one, until the newest conversation is listed.
    private func firstScreen(parley: String, store: SQLiteStore, directory: URL, path: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: parley), TmuxScreen.executablePath != nil else {
            return "skipped: needs tmux and a parley binary at \(parley)"
        }
        let folder = directory.appendingPathComponent("first-screen").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = FirstScreenRun(parley: parley, folder: folder)
        let newest = try store.conversations(offset: 0, limit: 1).first.map { String($0.title.prefix(12)) }
        let empty = try run.median(database: folder + "/empty.sqlite", expected: nil)
        let full = try run.median(database: path, expected: newest)
        let shown = { (seconds: Double?) in seconds.map(Self.ms) ?? "not within 20 s" }
        return shown(empty) + " / " + shown(full) + " (target: under 50 ms, tmux and process start included)"
    }

    private func fill(path: String, text: inout TextGenerator) throws {
        let store = try SQLiteStore(path: path)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for c in 0..<conversations {
            let created = base.addingTimeInterval(Double(c) * 60)
            let messages = (0..<messagesPerConversation).map { m -> Message in
                var message = Message(
                    id: "", role: m % 2 == 0 ? .user : .assistant, text: text.sentence(words: m % 2 == 0 ? 12 : 60),
                    createdAt: created.addingTimeInterval(Double(m)))
                message.remoteID = "m\(m)"
                return message
            }
            let result = try store.importRemote(
                RemoteConversation(
                    provider: "bench", remoteID: "c\(c)", title: text.sentence(words: 4), createdAt: created,
                    updatedAt: created, messages: messages))
            if c % 5000 == 0 { try store.setPinned(conversation: result.conversationID, true) }
        }
    }

    /// Streams 200 replies of 500 records each through `RunWriter`, as a busy session would.
    private func appendThroughput(_ store: SQLiteStore) throws -> String {
        let tag = "append-\(getpid())"
        let conversation = Conversation(id: tag, title: "append", provider: "bench", createdAt: Date())
        try store.save(conversation)
        let payload = Array("data: {\"choices\":[{\"delta\":{\"content\":\"word \"}}]}\n\n".utf8)
        let runs = 200
        let perRun = 500
        var batches = 0
        let start = Self.now()
        for run in 0..<runs {
            let reply = Message(id: "\(tag)-reply-\(run)", role: .assistant, status: .streaming, createdAt: Date())
            var log = RunLog(id: RunID("\(tag)-run-\(run)"), conversationID: tag, reply: reply, recordLimit: 0)
            let writer = try store.startRun(
                id: log.id.value, conversationID: tag, reply: reply,
                request: RunRequest(method: "POST", url: "http://127.0.0.1/"), startedAt: Date(), now: Self.now)
            for i in 0..<perRun {
                let record = RawRecord(
                    kind: .event, offset: i * payload.count, receivedAt: Self.now() - start, bytes: payload,
                    events: [.text("word ")])
                log.append(record)
                try writer.append([record], folded: log)
            }
            log.end()
            try writer.finish(log)
            batches += writer.written.batches
        }
        let seconds = Self.now() - start
        let count = runs * perRun
        return String(
            format: "%.0f records/s (%.1f MB/s), %d batches", Double(count) / seconds,
            Double(count * payload.count) / seconds / 1_048_576, batches)
    }

    static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    static func measure(times: Int, _ body: () throws -> Void) throws -> (p50: Double, p95: Double, max: Double) {
        var samples: [Double] = []
        for _ in 0..<times {
            let start = now()
            try body()
            samples.append(now() - start)
        }
        return (percentile(samples, 0.5), percentile(samples, 0.95), samples.max() ?? 0)
    }

    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}
