import ChatModel
import Foundation
import Providers
import Sessions
import Wire

/// How fast bytes become events: the SSE parser alone, then the whole read path for OpenAI and Dify streams.
///
/// The stream is fed in 4 KiB reads, as a socket delivers it, and split at arbitrary offsets. A smaller
/// `events` count (`parley-bench stream 5000`) keeps a callgrind run short.
struct StreamBenchmark {
    /// Number of SSE events in each synthetic stream.
    var events = 50_000
    /// Each figure is the best of this many runs: one run of the parser alone lasts a few milliseconds,
    /// so on a shared machine a few runs are not enough to see one undisturbed.
    static let repetitions = 10

    /// The rows to run, by key (`sse`, `sse-text`, `openai`, `openai-jsonl`, `send`, `send-jsonl`, `dify`); all
    /// when empty. One row alone suits callgrind, whose count of one `throughput` call is that row's cost.
    var only: [String] = []

    static let rowKeys = ["sse", "sse-text", "openai", "openai-jsonl", "send", "send-jsonl", "dify"]

    func run() {
        let openAI = Self.openAIStream(events: events)
        let dify = Self.difyStream(events: events)
        var rows: [(String, String)] = []
        func row(_ key: String, _ name: String, bytes: [UInt8], _ body: () -> Int) {
            guard only.isEmpty || only.contains(key) else { return }
            rows.append((name, throughput(bytes: bytes, body)))
        }
        row("sse", "SSE parse (OpenAI stream)", bytes: openAI) { parseOnly(openAI) }
        row("sse-text", "SSE parse, with event text", bytes: openAI) { parseOnly(openAI, decodingText: true) }
        row("openai", "OpenAI decode, text deltas", bytes: openAI) { decode(openAI, with: OpenAIDecoder()) }
        row("openai-jsonl", "OpenAI decode + JSON lines", bytes: openAI) {
            decode(openAI, with: OpenAIDecoder(), printing: .jsonLines)
        }
        row("send", "OpenAI, send --no-store path", bytes: openAI) {
            decode(openAI, with: OpenAIDecoder(), printing: .text, folding: true)
        }
        row("send-jsonl", "the same with --jsonl", bytes: openAI) {
            decode(openAI, with: OpenAIDecoder(), printing: .jsonLines, folding: true)
        }
        row("dify", "Dify decode, agent stream", bytes: dify) { decode(dify, with: DifyDecoder()) }
        print("Parley stream benchmark (\(events) events per stream, 4 KiB reads)")
        for (name, value) in rows { print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + "  " + value) }
    }

    private func throughput(bytes: [UInt8], _ body: () -> Int) -> String {
        var best = Double.infinity
        var produced = 0
        for _ in 0..<Self.repetitions {
            let start = StoreBenchmark.now()
            produced = body()
            best = min(best, StoreBenchmark.now() - start)
        }
        let megabytes = Double(bytes.count) / 1_048_576
        return String(format: "%7.1f MB/s  %9.0f events/s  (%.1f MB in %.3f s)", megabytes / best, Double(produced) / best, megabytes, best)
    }

    /// Frames from the parser alone; with `decodingText`, each event's data is also decoded to a `String`,
    /// the cost a consumer pays that needs the text rather than the bytes.
    private func parseOnly(_ bytes: [UInt8], decodingText: Bool = false) -> Int {
        var parser = SSEParser()
        var count = 0
        for read in stride(from: 0, to: bytes.count, by: 4096) {
            for frame in parser.feed(bytes[read..<min(bytes.count, read + 4096)]) {
                if decodingText, case .event(let event) = frame.kind, event.data.isEmpty { continue }
                count += 1
            }
        }
        return count + parser.finish().count
    }

    /// Events decoded from the stream. With `printing`, the records are also printed as `parley send` prints
    /// them (its answer text, or one JSON line per event with `--jsonl`), output counted but not written; with
    /// `folding`, also folded into a run log that keeps no records, as `send --no-store`'s controller does.
    private func decode(
        _ bytes: [UInt8], with decoder: any StreamDecoder, printing: EventPrinter.Mode? = nil, folding: Bool = false
    ) -> Int {
        var reader = ResponseReader(decoder: decoder)
        reader.begin(HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")]))
        let reply = Message(id: "bench", role: .assistant, status: .streaming)
        var log = RunLog(id: RunID("bench"), conversationID: "bench", reply: reply, recordLimit: 0)
        var printer = printing.map { EventPrinter(mode: $0, exactAnswer: true) }
        var count = 0
        var written = 0
        func take(_ records: [RawRecord]) {
            for record in records { count += record.events.count }
            if folding { log.append(contentsOf: records) }
            if let output = printer?.output(for: records) { written += output.standardOutput.utf8.count }
        }
        for read in stride(from: 0, to: bytes.count, by: 4096) {
            take(reader.feed(Array(bytes[read..<min(bytes.count, read + 4096)]), at: 0))
        }
        take(reader.finish(at: 0))
        if printing != nil, written == 0 { return 0 }
        if folding, log.reply.text.isEmpty { return 0 }
        return count
    }

    static func openAIStream(events: Int) -> [UInt8] {
        var text = ""
        for i in 0..<events {
            text += #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225900,"model":"bench","choices":[{"index":0,"delta":{"content":"word\#(i) "},"finish_reason":null}]}"#
            text += "\n\n"
        }
        text += #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225900,"model":"bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
        text += "\n\ndata: [DONE]\n\n"
        return Array(text.utf8)
    }

    static func difyStream(events: Int) -> [UInt8] {
        let ids = #""conversation_id": "c0ffee00-0000-4000-8000-000000000001", "message_id": "c0ffee00-0000-4000-8000-000000000002", "task_id": "c0ffee00-0000-4000-8000-000000000003", "created_at": 1767225900"#
        var text = ""
        for i in 0..<events {
            if i % 100 == 0 {
                text += #"data: {"event": "agent_thought", "id": "thought-\#(i / 100)", "position": \#(i / 100 + 1), "thought": "Looking up", "tool": "search", "tool_input": "{\"q\": \"item \#(i)\"}", "observation": "found", "message_files": [], \#(ids)}"#
            } else {
                text += #"data: {"event": "agent_message", "answer": "token\#(i) ", \#(ids)}"#
            }
            text += "\n\n"
            if i % 500 == 0 { text += "event: ping\n\n" }
        }
        text += #"data: {"event": "message_end", "metadata": {"usage": {"prompt_tokens": 10, "completion_tokens": \#(events), "total_tokens": \#(events + 10), "total_price": "0.0012", "currency": "USD", "latency": 1.5}}, \#(ids)}"#
        text += "\n\n"
        return Array(text.utf8)
    }
}
