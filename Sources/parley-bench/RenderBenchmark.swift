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
