import ChatModel
import Providers
import StreamTools
import TerminalUI
import Wire
import Workbench

/// Scenes for the stream debugger: an OpenAI stream that bends several rules, cut and decoded by the real
/// parser and decoder, and the linter standing in for the app's worker.
enum DebuggerScenes {
    /// A chat-completions stream with CRLF line ends, a comment, an explicit null in a delta, usage beside
    /// non-empty choices, a chunk whose JSON does not parse, and no `[DONE]`.
    static let quirkyBody = [
        ": keep-alive\r\n\r\n",
        #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}"# + "\r\n\r\n",
        #"data: {"choices":[{"index":0,"delta":{"content":"Tides follow"},"finish_reason":null}]}"# + "\r\n\r\n",
        #"data: {"choices":[{"index":0,"delta":{"content":" the moon"}"# + "\r\n\r\n",
        #"data: {"choices":[{"index":0,"delta":{"content":"."},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}"# + "\r\n\r\n",
    ].joined()

    /// `body` as the screen receives it: records cut by `SSEParser`, events from the OpenAI decoder, 40 ms apart.
    static func records(_ body: String) -> [RawRecord] {
        var parser = SSEParser()
        var decoder = OpenAIDecoder()
        let frames = parser.feed(Array(body.utf8)) + parser.finish()
        return frames.enumerated().map { i, frame in
            let time = 0.1 + Double(i) * 0.04
            switch frame.kind {
            case .event(let event):
                return RawRecord(kind: .event, offset: frame.offset, receivedAt: time, bytes: frame.bytes,
                                 events: decoder.decode(event))
            case .keepAlive:
                return RawRecord(kind: .keepAlive, offset: frame.offset, receivedAt: time, bytes: frame.bytes, events: [.keepAlive])
            case .tail:
                return RawRecord(kind: .tail, offset: frame.offset, receivedAt: time, bytes: frame.bytes, events: [])
            }
        } + [RawRecord(kind: .tail, offset: body.utf8.count, receivedAt: 0.4, bytes: [], events: decoder.finish())]
    }

    /// One finished reply streamed from `quirkyBody`, with every lint request the reducer made answered.
    static func quirkyReply(size: Size = Size(columns: 120, rows: 36)) -> AppState {
        var state = Scenes.empty(size: size)
        let run = Scenes.sending("Why are there tides?", size: size, into: &state)
        answer(&state, reduce(&state, .event(.runRecords(runID: run, records(quirkyBody)))))
        answer(&state, reduce(&state, .event(.runEnded(runID: run))))
        return state
    }

    /// Carries out the lint requests among `effects` as the app's worker does (the whole run linted at once)
    /// and feeds the findings back, with whatever they ask for next.
    static func answer(_ state: inout AppState, _ effects: [Effect]) {
        for effect in effects {
            guard case .lint(let request) = effect, let log = state.inspectedLog, log.id.value == request.runID else { continue }
            let records = (0..<request.total).compactMap { log.record(at: $0) }
            let report = Linter.lint(LintInput(provider: request.provider, records: records))
            answer(&state, reduce(&state, .event(.lintFinished(
                LintResult(runID: request.runID, records: request.total, ended: request.ended, report: report)))))
        }
    }

    /// Carries out a compare request as the app does without a store: the two sides as the screen had them.
    static func answerCompare(_ state: inout AppState, _ effects: [Effect]) {
        for effect in effects {
            guard case .compareRuns(let request) = effect else { continue }
            _ = reduce(&state, .event(.comparisonLoaded(generation: request.generation, RunComparison(request.a.run, request.b.run))))
        }
    }
}
