import ChatModel
import TerminalUI
import Workbench

/// Workbench states built the way the app builds them: keys and turn updates through `reduce`.
enum Scenes {
    static let endpoint = "demo · OpenAI-compatible at http://127.0.0.1:8080/v1"

    /// A state with a prompt typed and sent; returns the turn id.
    static func sending(_ prompt: String, size: Size = Size(columns: 120, rows: 36), into state: inout AppState) -> String {
        _ = reduce(&state, .event(.resized(size)))
        for character in prompt { _ = reduce(&state, .key(.character(character))) }
        let effects = reduce(&state, .key(.enter))
        guard case .startTurn(let id, _, _)? = effects.first else { fatalError("send did not start a turn: \(effects)") }
        _ = reduce(&state, .event(.runStarted(runID: id)))
        _ = reduce(&state, .event(.runHead(runID: id, status: 200, at: 0.042)))
        return id
    }

    /// A fresh state at a size.
    static func empty(size: Size = Size(columns: 120, rows: 36)) -> AppState {
        var state = AppState(endpoint: endpoint, size: size)
        _ = reduce(&state, .event(.resized(size)))
        return state
    }

    /// SSE records for text deltas, spaced 50 ms apart from `start`.
    static func textRecords(_ pieces: [String], start: Double = 0.1, offset: Int = 0) -> [RawRecord] {
        var at = offset
        return pieces.enumerated().map { i, piece in
            let json = piece.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\u{1B}", with: "\\u001b")
            let bytes = Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\(json)\"}}]}\n\n".utf8)
            defer { at += bytes.count }
            return RawRecord(kind: .event, offset: at, receivedAt: start + Double(i) * 0.05, bytes: bytes, events: [.text(piece)])
        }
    }

    static func usageRecord(at time: Double, offset: Int) -> RawRecord {
        let usage = Usage(promptTokens: 24, completionTokens: 38, totalTokens: 62)
        let bytes = Array("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":38,\"total_tokens\":62}}\n\n".utf8)
        return RawRecord(kind: .event, offset: offset, receivedAt: time, bytes: bytes, events: [.usage(usage)])
    }

    static func doneRecord(at time: Double, offset: Int) -> RawRecord {
        RawRecord(kind: .event, offset: offset, receivedAt: time, bytes: Array("data: [DONE]\n\n".utf8),
                  events: [.finished(reason: "stop")])
    }

    static let demoAnswer = [
        "Server-sent events ", "keep one HTTP response open ", "and push `data:` lines as the model writes. ",
        "Parley shows each record in the inspector's Raw tab, ", "with its arrival time, byte offset and the events ",
        "it produced.\n\nPress 4 in the inspector to see them.",
    ]

    /// The README scene: one finished demo reply, raw tab shown.
    static func finishedDemo(size: Size = Size(columns: 120, rows: 36)) -> AppState {
        var state = empty(size: size)
        let id = sending("How do server-sent events work?", size: size, into: &state)
        var records = textRecords(demoAnswer)
        let end = records.last!.offset + records.last!.bytes.count
        records.append(usageRecord(at: 0.45, offset: end))
        records.append(doneRecord(at: 0.46, offset: end + records.last!.bytes.count))
        _ = reduce(&state, .event(.runRecords(runID: id, records)))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        return state
    }
}
