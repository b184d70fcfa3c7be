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
        InspectorBenchmark().run()
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
