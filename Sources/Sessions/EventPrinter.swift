import ChatModel
import Wire

/// Formats a turn's events for a terminal or a pipe: plain text, or one JSON line per event.
///
/// In text mode only the assistant's words go to standard output, so `parley send … > answer.txt` keeps
/// just the answer; reasoning, tool calls and errors go to standard error.
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
    private var midLine = false
    /// The steps printed so far by id, so a step the server sends again unchanged (Dify re-sends agent
    /// thoughts) is printed once.
    private var printedSteps: [String: Step] = [:]

    public init(mode: Mode) {
        self.mode = mode
    }

    /// What the events of these records print as.
    public mutating func output(for records: [RawRecord]) -> Output {
        var out = Output()
        for record in records {
            for event in record.events { append(event, to: &out) }
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
        case .jsonLines: out.standardOutput += event.jsonLine.text + "\n"
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
            out.standardOutput += text
            midLine = !text.hasSuffix("\n")
        case .replaced(let text):
            out.standardOutput += (midLine ? "\n" : "") + text
            midLine = !text.hasSuffix("\n")
        case .reasoning(let text):
            out.standardError += text
        case .step(let step) where step.status != .running && printedSteps[step.id] != step:
            printedSteps[step.id] = step
            guard !step.input.isEmpty || !step.output.isEmpty else { break }
            out.standardError += "[\(step.kind.rawValue)] \(step.displayName) \(step.input)\n"
            if !step.output.isEmpty { out.standardError += "  → \(step.output)\n" }
        case .finished:
            if midLine { out.standardOutput += "\n" }
            midLine = false
        case .failed(let error):
            if midLine { out.standardOutput += "\n" }
            midLine = false
            out.standardError += "parley: \(error)\n"
        default:
            break
        }
    }
}
