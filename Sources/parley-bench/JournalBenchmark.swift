import ChatModel
import Foundation
import Providers
import Sessions
import Store
import Synchronization
import Wire

/// `parley-bench journal [CHUNKS]`: what storing a burst costs, in process, without the network or the decoder.
///
/// The end-to-end run times `parley send` storing a 100,000-chunk burst, a figure that moves by tens of percent
/// with what else the machine does. This one decodes the same stream first (not timed), then hands its records
/// to the store journal in reads of 256 KiB, as `send` does, folding them into the run's log on the way, and
/// waits until the run is in the file. It prints the wall time, the CPU time of the whole process (the
/// journal's thread included) and what the records take in the file. Under `valgrind --tool=callgrind` its
/// instruction count is repeatable (the kernel's write path is not counted).
struct JournalBenchmark: Sendable {
    var chunks: Int

    /// Runs the benchmark on the cooperative pool while this thread waits on a semaphore: an `await` here would
    /// leave the main thread to libdispatch, whose `sigsuspend` valgrind cannot follow.
    func runWaiting() throws {
        let done = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Task.detached {
            do { try await run() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-journal-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var reads = try decodedReads()
        let records = reads.reduce(0) { $0 + $1.count }
        let received = reads.reduce(0) { $0 + $1.reduce(0) { $0 + $1.bytes.count } }

        let store = try SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path, environment: [:])
        let journal = StoreJournal(
            store: store, provider: "openai", profile: nil, memoryLimit: StoreJournal.commandMemoryLimit)
        let conversationID = "journal-bench"
        let prompt = Message(id: "prompt", role: .user, text: "hi", createdAt: Date())
        var log = RunLog(
            id: RunID("journal-bench-run"), conversationID: conversationID,
            reply: Message(id: "reply", role: .assistant, status: .streaming, createdAt: Date()), recordLimit: 0)
        let cpuBefore = Self.processCPU()
        let start = ProcessInfo.processInfo.systemUptime
        await journal.runStarted(log, prompt: prompt)
        await journal.runSent(log, request: HTTPRequest(method: "POST", url: "http://127.0.0.1:1/v1/chat/completions"))
        for index in reads.indices {
            // Handed over, not kept: as in `send`, the records are freed once written.
            let read = reads[index]
            reads[index] = []
            log.append(contentsOf: read)
            await journal.runProgressed(log, records: read)
        }
        log.end()
        await journal.runEnded(log)
        let wall = ProcessInfo.processInfo.systemUptime - start
        let cpu = Self.processCPU() - cpuBefore
        guard journal.unwritten == 0, journal.lastError == nil else {
            throw StoreError(
                kind: .cannotWrite, message: "the journal did not store the run: \(journal.lastError.map { "\($0)" } ?? "")")
        }
        let stored = StoredReply.recordBytes(database: store.path) ?? 0
        let rows: [(String, String)] = [
            ("records stored", "\(records) (\(String(format: "%.1f", Double(received) / 1_048_576)) MB received)"),
            ("wall, first record to the run in the file", String(format: "%.3f s (%.0f records/s)", wall, Double(records) / wall)),
            ("CPU of the process meanwhile", String(format: "%.3f s", cpu)),
            ("record blocks in the file", String(format: "%.2f MB", Double(stored) / 1_048_576)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        print("Parley journal benchmark: \(chunks) OpenAI chunks stored as `send` stores them")
        for (name, value) in rows { print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
    }

    /// The burst's records as `send` receives them: decoded from reads of 256 KiB.
    private func decodedReads() throws -> [[RawRecord]] {
        let body = StreamServer.events(chunks: chunks)
        var reader = ResponseReader(decoder: try ProviderCatalog.decoder(for: "openai"))
        reader.begin(HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")]))
        var reads: [[RawRecord]] = []
        let size = 256 * 1024
        for offset in stride(from: 0, to: body.count, by: size) {
            let time = Double(offset / size) * 0.001
            reads.append(reader.feed(Array(body[offset..<min(body.count, offset + size)]), at: time))
        }
        reads.append(reader.finish(at: Double(reads.count) * 0.001))
        return reads.filter { !$0.isEmpty }
    }

    /// User and system CPU time of the process so far, every thread included.
    private static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
