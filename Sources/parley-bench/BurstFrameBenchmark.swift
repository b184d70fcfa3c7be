import ChatModel
import Foundation
import TerminalUI
import Workbench

/// What the frames of a fast burst cost on the screen's thread: one reply that is a single paragraph of
/// 100,000 chunks (the end-to-end burst's text), folded in batches as the app loop takes them between frames,
/// then the frame after its end, which is where a long paragraph's Markdown must finally be rendered whole.
struct BurstFrameBenchmark {
    var chunks = 100_000
    var batch = 6_000

    /// This thread's CPU time: what the screen's thread spends, whatever else the machine runs.
    static func cpu() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return }
        var next = 0
        var offset = 0
        var samples: [Double] = []
        while next < chunks {
            let records = (next..<min(chunks, next + batch)).map { index in
                let bytes = Array("data: {\"n\":\(index)}\n\n".utf8)
                defer { offset += bytes.count }
                return RawRecord(kind: .event, offset: offset, receivedAt: Double(index) / 1e5, bytes: bytes,
                                 events: [.text("w\(index) ")])
            }
            next += records.count
            let start = Self.cpu()
            _ = reduce(&state, .event(.runRecords(runID: turn, records)))
            _ = Screen.render(state, size: size)
            samples.append(Self.cpu() - start)
        }
        let start = Self.cpu()
        let effects = reduce(&state, .event(.runEnded(runID: turn)))
        _ = Screen.render(state, size: size)
        let end = Self.cpu() - start
        let background = Self.cpu()
        var rendered = 0
        for effect in effects {
            guard case .renderReply(let message, let width) = effect else { continue }
            TranscriptLayout.shared.prepareComplete(message, width: width)
            _ = reduce(&state, .event(.replyRendered(messageID: message.id)))
            rendered += 1
        }
        let backgroundTime = Self.cpu() - background
        let last = Self.cpu()
        _ = Screen.render(state, size: size)
        let lastTime = Self.cpu() - last
        let bytes = state.current.messages.last?.text.utf8.count ?? 0
        print("one paragraph of \(chunks) chunks (\(bytes / 1024) KB) in batches of \(batch), CPU of the screen's thread: fold + frame p50 \(StoreBenchmark.ms(StoreBenchmark.percentile(samples, 0.5)))   max \(StoreBenchmark.ms(samples.max() ?? 0))")
        print("  its end: fold + frame \(StoreBenchmark.ms(end))" + (rendered > 0
            ? ", Markdown off the screen's thread \(StoreBenchmark.ms(backgroundTime)), then a frame \(StoreBenchmark.ms(lastTime))" : ""))
    }
}
