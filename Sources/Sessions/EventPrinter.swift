import ChatModel
import Wire

/// Formats a turn's events for a terminal or a pipe: plain text, or one JSON line per event.
///
/// In text mode only the assistant's words go to standard output, so `parley send … > answer.txt` keeps
/// just the answer; reasoning, tool calls and errors go to standard error. Everything bound for standard error
/// has its controls made visible (`ControlSanitizer.printable`), and so has the answer unless the caller asks
/// for it exactly as sent (standard output is not a terminal, and a pipeline needs the server's text).
public struct EventPrinter: Sendable {
    public enum Mode: Sendable {
        case text
        case jsonLines
    }

    /// What to write where for one batch of events.
    public struct Output: Sendable, Equatable {
        public var standardOutput = ""
        public var standardError = ""
    }

    public var mode: Mode
    /// Whether the answer is written exactly as the server sent it, controls and all; false shows them visibly.
    public var exactAnswer: Bool
    private var midLine = false
    private var answer = ControlSanitizer.Stream()
    private var reasoning = ControlSanitizer.Stream()
    /// The steps printed so far by id, so a step the server sends again unchanged (Dify re-sends agent
    /// thoughts) is printed once.
    private var printedSteps: [String: Step] = [:]

    public init(mode: Mode, exactAnswer: Bool = false) {
        self.mode = mode
        self.exactAnswer = exactAnswer
    }

    /// What the events of these records print as.
    public mutating func output(for records: [RawRecord]) -> Output {
        var out = Output()
        // Room for a batch of ordinary text events at once, rather than a dozen doublings of the batch's text.
        out.standardOutput.reserveCapacity(records.count * (mode == .jsonLines ? 40 : 8))
        // By index, so that no record or event is copied out of its array to be read.
        for index in records.indices {
            for eventIndex in records[index].events.indices { append(records[index].events[eventIndex], to: &out) }
        }
        return out
    }

    public mutating func output(for events: [StreamEvent]) -> Output {
        var out = Output()
        for event in events { append(event, to: &out) }
        return out
    }

    private mutating func append(_ event: StreamEvent, to out: inout Output) {
        switch mode {
        case .jsonLines: event.appendJSONLine(to: &out.standardOutput)
        case .text: appendText(for: event, to: &out)
        }
    }

    /// The JSON line of one SSE frame, for `parley replay --provider sse --jsonl`.
    public static func sseLine(for frame: SSEFrame) -> String? {
        var line = JSONLine()
        switch frame.kind {
        case .event(let event):
            line.set("type", "sse")
            line.set("event", event.type)
            line.set("data", event.data)
            line.set("id", event.lastEventID.isEmpty ? nil : event.lastEventID)
        case .keepAlive:
            line.set("type", "keepalive")
        case .tail:
            return nil
        }
        return line.text
    }

    private mutating func appendText(for event: StreamEvent, to out: inout Output) {
        switch event {
        case .text(let text):
            out.standardOutput += shownAnswer(text)
            midLine = text.utf8.last != 0x0A
        case .replaced(let text):
            out.standardOutput += endOfAnswer() + (midLine ? "\n" : "") + shownAnswer(text)
            midLine = text.utf8.last != 0x0A
        case .reasoning(let text):
            out.standardError += reasoning.next(text)
        case .step(let step) where step.status != .running && printedSteps[step.id] != step:
            printedSteps[step.id] = step
            guard !step.input.isEmpty || !step.output.isEmpty else { break }
            let line = "[\(step.kind.rawValue)] \(step.displayName) \(step.input)"
            out.standardError += ControlSanitizer.printable(line) + "\n"
            if !step.output.isEmpty { out.standardError += "  → \(ControlSanitizer.printable(step.output))\n" }
        case .finished:
            out.standardOutput += endOfAnswer() + (midLine ? "\n" : "")
            out.standardError += reasoning.finish()
            midLine = false
        case .failed(let error):
            out.standardOutput += endOfAnswer() + (midLine ? "\n" : "")
            out.standardError += reasoning.finish()
            midLine = false
            out.standardError += "parley: \(ControlSanitizer.printable("\(error)"))\n"
        default:
            break
        }
    }

    /// A piece of the answer as it is written: exact, or with its controls made visible.
    private mutating func shownAnswer(_ text: String) -> String {
        exactAnswer ? text : answer.next(text)
    }

    /// What the answer still holds back (a CR that turned out not to start a CRLF) once it has ended.
    private mutating func endOfAnswer() -> String {
        exactAnswer ? "" : answer.finish()
    }
}
