import ChatModel
import Foundation
import TerminalUI
import Workbench

/// What one frame costs as the transcript grows: the design promises it depends on what is visible only.
///
/// Each size renders the same 120x36 screen for a conversation of N messages, streaming one more word into the
/// last reply between frames, as the app loop does while a reply arrives.
struct RenderBenchmark {
    func run() {
        print("Parley render benchmark (120x36, a word streamed into the last reply before each frame)")
        for messages in [10, 1_000, 10_000] {
            let (p50, p95) = measure(messages: messages)
            print("\(String(messages).padding(toLength: 6, withPad: " ", startingAt: 0)) messages   frame p50 \(StoreBenchmark.ms(p50))   p95 \(StoreBenchmark.ms(p95))")
        }
        for chunks in [1_000, 10_000, 100_000] {
            let (p50, p95) = measureLongReply(chunks: chunks, steps: 0)
            print("one reply of \(chunks) chunks, Raw tab: fold 100 records + frame p50 \(StoreBenchmark.ms(p50))   p95 \(StoreBenchmark.ms(p95))")
        }
        let (p50, p95) = measureLongReply(chunks: 1_000, steps: 1_000)
        print("one reply with 1000 steps, Steps tab: fold 100 records + frame p50 \(StoreBenchmark.ms(p50))   p95 \(StoreBenchmark.ms(p95))")
        for blocks in [100, 1_000, 10_000] {
            let (bytes, p50, p95) = measureMarkdownReply(blocks: blocks)
            print("one Markdown reply of \(blocks) blocks (\(bytes / 1024) KB), fold 10 chunks + frame p50 \(StoreBenchmark.ms(p50))   p95 \(StoreBenchmark.ms(p95))")
            InspectorBenchmark().run()
    }
        BurstFrameBenchmark().run()
        let (tail50, tail95) = measureOpenCodeBlock()
        print("worst case: a code block still open at the 4 KB tail limit, fold 10 chunks + frame p50 \(StoreBenchmark.ms(tail50))   p95 \(StoreBenchmark.ms(tail95))")
        LintBenchmark().run()
    }

    /// Frames while the reply's last block is a code block of 3-4 KB that has not closed: the whole tail
    /// is parsed again each frame, the most a frame parses.
    private func measureOpenCodeBlock() -> (Double, Double) {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return (0, 0) }
        var text = "Some code:\n\n```swift\n"
        var line = 0
        while text.utf8.count < 3_000 {
            text += "let value\(line) = compute(\(line), \"text\") // a comment\n"
            line += 1
        }
        var offset = 0
        func record(_ piece: String) -> RawRecord {
            defer { offset += piece.utf8.count }
            return RawRecord(kind: .event, offset: offset, receivedAt: 0, bytes: Array(piece.utf8), events: [.text(piece)])
        }
        _ = reduce(&state, .event(.runRecords(runID: turn, [record(text)])))
        _ = Screen.render(state, size: size)
        var samples: [Double] = []
        for frame in 0..<40 {
            let records = (0..<10).map { record("x\(frame)_\($0) ") }
            let start = StoreBenchmark.now()
            _ = reduce(&state, .event(.runRecords(runID: turn, records)))
            _ = Screen.render(state, size: size)
            samples.append(StoreBenchmark.now() - start)
        }
        return (StoreBenchmark.percentile(samples, 0.5), StoreBenchmark.percentile(samples, 0.95))
    }

    /// The blocks a long Markdown reply is made of, in turn: headings, prose with inline markup, lists, a table,
    /// a code block.
    private static let markdownBlocks = [
        "## Section {n}\n\n",
        "Paragraph {n} has **bold**, *emphasis*, `inline code` and a [link](https://example.com/{n}) in a sentence long enough to wrap once or twice on a 120-column screen.\n\n",
        "- item one of list {n}\n- item two with `code`\n  1. nested\n  2. nested again\n\n",
        "| name | value | note |\n|:--|--:|:-:|\n| row {n} | 42 | ok |\n| another | 7 | fine |\n\n",
        "```swift\nfunc block{n}() {\n    print(\"{n}\")\n}\n```\n\n",
        "> A quoted remark number {n}\n> over two lines.\n\n",
    ]

    /// A long Markdown reply streamed in 8-byte chunks through `reduce`, then frames while 10 more chunks
    /// arrive before each: the cost per frame should not grow with the reply.
    private func measureMarkdownReply(blocks: Int) -> (Int, Double, Double) {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return (0, 0, 0) }
        var text = ""
        var target = 0
        for n in 0..<(blocks + 200) {
            if n == blocks { target = text.utf8.count }
            text += Self.markdownBlocks[n % Self.markdownBlocks.count].replacingOccurrences(of: "{n}", with: "\(n)")
        }
        let bytes = Array(text.utf8)
        var offset = 0
        func batch(_ count: Int) -> [RawRecord] {
            var records: [RawRecord] = []
            while records.count < count, offset < bytes.count {
                var end = min(bytes.count, offset + 8)
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                records.append(RawRecord(kind: .event, offset: offset, receivedAt: Double(offset) / 1e6,
                                         bytes: Array(bytes[offset..<end]), events: [.text(String(decoding: bytes[offset..<end], as: UTF8.self))]))
                offset = end
            }
            return records
        }
        while offset < target {
            _ = reduce(&state, .event(.runRecords(runID: turn, batch(1_000))))
            _ = Screen.render(state, size: size)
        }
        let replyBytes = offset
        var samples: [Double] = []
        for _ in 0..<200 {
            let records = batch(10)
            let start = StoreBenchmark.now()
            _ = reduce(&state, .event(.runRecords(runID: turn, records)))
            _ = Screen.render(state, size: size)
            samples.append(StoreBenchmark.now() - start)
        }
        return (replyBytes, StoreBenchmark.percentile(samples, 0.5), StoreBenchmark.percentile(samples, 0.95))
    }

    /// A reply streamed through `reduce` as the app does (batches of records, the screen's record window),
    /// then frames while it keeps growing.
    private func measureLongReply(chunks: Int, steps: Int) -> (Double, Double) {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return (0, 0) }
        _ = reduce(&state, .intent(.selectTab(steps > 0 ? .steps : .raw)))
        var next = 0
        func batch(_ count: Int) -> [RawRecord] {
            (0..<count).map { _ in
                defer { next += 1 }
                var events: [StreamEvent] = [.text("w\(next) ")]
                if next < steps { events.append(.step(Step(id: "s\(next)", kind: .toolCall, name: "tool\(next)", input: "{}"))) }
                return RawRecord(kind: .event, offset: next * 120, receivedAt: Double(next) / 1000,
                                 bytes: Array("data: {\"n\":\(next)}\n\n".utf8), events: events)
            }
        }
        while next < chunks {
            _ = reduce(&state, .event(.runRecords(runID: turn, batch(min(1_000, chunks - next)))))
            _ = Screen.render(state, size: size)
        }
        var samples: [Double] = []
        for _ in 0..<100 {
            let records = batch(100)
            let start = StoreBenchmark.now()
            _ = reduce(&state, .event(.runRecords(runID: turn, records)))
            _ = Screen.render(state, size: size)
            samples.append(StoreBenchmark.now() - start)
        }
        return (StoreBenchmark.percentile(samples, 0.5), StoreBenchmark.percentile(samples, 0.95))
    }

    private func measure(messages count: Int) -> (Double, Double) {
        var history: [Message] = []
        for i in 0..<count {
            let role: ChatMessage.Role = i.isMultiple(of: 2) ? .user : .assistant
            history.append(Message(id: "m\(i)", role: role, text: "Message \(i): " + String(repeating: "lorem ipsum dolor ", count: 8)))
        }
        var state = AppState(endpoint: "bench", messages: history)
        let size = Size(columns: 120, rows: 36)
        _ = Screen.render(state, size: size)
        var samples: [Double] = []
        for frame in 0..<200 {
            let last = state.conversations[0].messages.count - 1
            state.conversations[0].messages[last].text += " word\(frame)"
            let start = StoreBenchmark.now()
            _ = Screen.render(state, size: size)
            samples.append(StoreBenchmark.now() - start)
        }
        return (StoreBenchmark.percentile(samples, 0.5), StoreBenchmark.percentile(samples, 0.95))
    }
}
