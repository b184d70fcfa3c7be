import ChatModel
import Foundation
import Providers
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

    func run() {
        let openAI = Self.openAIStream(events: events)
        let dify = Self.difyStream(events: events)
        var rows: [(String, String)] = []
        rows.append(("SSE parse (OpenAI stream)", throughput(bytes: openAI) { parseOnly(openAI) }))
        rows.append(("SSE parse, with event text", throughput(bytes: openAI) { parseOnly(openAI, decodingText: true) }))
        rows.append(("OpenAI decode, text deltas", throughput(bytes: openAI) { decode(openAI, with: OpenAIDecoder()) }))
        rows.append(("OpenAI decode + JSON lines", throughput(bytes: openAI) { decode(openAI, with: OpenAIDecoder(), jsonLines: true) }))
        rows.append(("Dify decode, agent stream", throughput(bytes: dify) { decode(dify, with: DifyDecoder()) }))
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

    /// Events decoded from the stream; with `jsonLines`, each is also written as its `--jsonl` line, the
    /// extra cost `send --jsonl` pays per event (escaping included).
    private func decode(_ bytes: [UInt8], with decoder: any StreamDecoder, jsonLines: Bool = false) -> Int {
        var reader = ResponseReader(decoder: decoder)
        reader.begin(HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")]))
        var count = 0
        var written = 0
        for read in stride(from: 0, to: bytes.count, by: 4096) {
            for record in reader.feed(Array(bytes[read..<min(bytes.count, read + 4096)]), at: 0) {
                count += record.events.count
                if jsonLines { for event in record.events { written += event.jsonLine.text.utf8.count } }
            }
        }
        if jsonLines, written == 0 { return 0 }
        for record in reader.finish(at: 0) { count += record.events.count }
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
