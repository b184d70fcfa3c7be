import ChatModel
import TerminalUI

/// The ids a provider's support asks for: the conversation (ours and the server's), the message, the run,
/// and a task or session id when the stream named one.
enum SupportIDs {
    static func rows(_ state: AppState, reply: Message, log: RunLog?) -> [(String, String)] {
        var rows: [(String, String)] = []
        let conversation = state.current.conversation
        rows.append(("Conversation", visible(conversation.id)))
        if let remote = log?.remoteConversationID ?? conversation.remoteID { rows.append(("Server conv.", visible(remote))) }
        rows.append(("Message", visible(reply.id)))
        if let remote = reply.remoteID { rows.append(("Server message", visible(remote))) }
        if let log { rows.append(("Run", visible(log.id.value))) }
        if let log {
            for (key, label) in [("task_id", "Task"), ("session_id", "Session"), ("workflow_run_id", "Workflow run")] {
                if let value = firstValue(of: key, in: log) { rows.append((label, visible(value))) }
            }
        }
        return rows
    }

    private static func visible(_ text: String) -> String { ControlSanitizer.sanitize(text, keepNewlines: false) }

    /// The first string value of a top-level key in the first few kept records' JSON.
    private static func firstValue(of key: String, in log: RunLog) -> String? {
        let first = log.firstKeptRecord
        for index in first..<min(log.recordCount, first + 4) {
            guard let record = log.record(at: index), record.bytes.count < 64 * 1024,
                  let text = PrettyJSON.data(record), let value = try? JSONReader.parse(text),
                  let found = value[key]?.stringValue, !found.isEmpty
            else { continue }
            return found
        }
        return nil
    }
}

/// A one-row chart of records per stretch of time: pauses show as gaps, bursts as tall bars.
enum ArrivalChart {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func lines(_ histogram: ArrivalHistogram, width: Int, theme: Theme) -> [StyledLine] {
        var counts = histogram.counts
        var bucket = histogram.width
        let room = max(8, width - 2)
        while counts.count > room {
            counts = stride(from: 0, to: counts.count, by: 2).map { counts[$0] + ($0 + 1 < counts.count ? counts[$0 + 1] : 0) }
            bucket *= 2
        }
        let peak = max(1, counts.max() ?? 1)
        let chart = String(counts.map { $0 == 0 ? " " : bars[min(bars.count - 1, ($0 * bars.count - 1) / peak)] })
        let span = Double(counts.count) * bucket
        return [
            StyledLine("Arrivals · \(String(format: "%.3f", bucket)) s a bar · peak \(peak)", theme.style("label")),
            StyledLine("▕" + chart + "▏", theme.style("step")),
            StyledLine("0 s" + String(repeating: " ", count: max(1, counts.count - 6)) + String(format: "%.1f s", span), theme.style("dim")),
        ]
    }
}
