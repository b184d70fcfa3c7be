import ChatModel

/// What one raw record carried, in a few words: its type and a summary of its events (the text delta, the
/// tool, the usage), for the Raw tab's rows and its filter.
///
/// Only a bounded prefix of any text is looked at and sanitized, so a record holding a 100 KB tool observation
/// costs what its row shows.
enum RecordSummary {
    /// The longest piece of text a summary keeps, in characters.
    static let limit = 160

    /// The record's type: its SSE event name, else its kind, else what its first event was.
    static func type(_ record: RawRecord) -> String {
        if let name = record.eventName, !name.isEmpty, name != "message" { return visible(name, limit: 40) }
        if record.kind != .event { return record.kind.rawValue }
        guard let first = record.events.first else { return "data" }
        return eventType(first)
    }

    /// The name of an event's kind, as the JSON lines of `parley send --jsonl` call it.
    static func eventType(_ event: StreamEvent) -> String {
        switch event {
        case .opened: return "opened"
        case .text: return "text"
        case .replaced: return "replaced"
        case .reasoning: return "reasoning"
        case .step: return "step"
        case .toolCallDelta: return "tool_call_delta"
        case .citations: return "citations"
        case .file: return "file"
        case .usage: return "usage"
        case .keepAlive: return "keepalive"
        case .finished: return "finished"
        case .failed: return "failed"
        }
    }

    /// A short summary of what the record carried: its events described one after another, or the start of
    /// its bytes when it produced none.
    static func summary(_ record: RawRecord) -> String {
        guard !record.events.isEmpty else {
            if record.kind == .keepAlive { return "keep-alive" }
            return visible(bytes: record.bytes)
        }
        var parts: [String] = []
        var length = 0
        for event in record.events {
            guard length < limit else { break }
            let part = describe(event)
            length += part.count
            parts.append(part)
        }
        return parts.joined(separator: " · ")
    }

    /// One event in a few words.
    static func describe(_ event: StreamEvent) -> String {
        switch event {
        case .opened(let conversation, let message):
            return "opened " + visible(conversation, limit: 40) + (message.map { " message " + visible($0, limit: 40) } ?? "")
        case .text(let delta): return "“" + visible(delta, limit: limit) + "”"
        case .replaced(let text): return "replaced “" + visible(text, limit: limit) + "”"
        case .reasoning(let delta): return "reasoning “" + visible(delta, limit: limit) + "”"
        case .step(let step):
            var text = "\(step.kind.rawValue) " + visible(step.displayName, limit: 60) + " " + step.status.rawValue
            if !step.input.isEmpty { text += " in " + visible(step.input, limit: 60) }
            return text
        case .toolCallDelta(let delta):
            return "tool call #\(delta.index)" + (delta.name.map { " " + visible($0, limit: 40) } ?? "")
                + (delta.argumentsFragment.isEmpty ? "" : " " + visible(delta.argumentsFragment, limit: 60))
        case .citations(let citations):
            return "\(citations.count) citation\(citations.count == 1 ? "" : "s")"
                + (citations.first.map { ": " + visible($0.title, limit: 60) } ?? "")
        case .file(let file): return "file " + visible(file.name ?? file.id ?? file.type, limit: 60)
        case .usage(let usage):
            return "usage " + [("prompt", usage.promptTokens), ("completion", usage.completionTokens), ("total", usage.totalTokens)]
                .compactMap { label, value in value.map { "\(label) \($0)" } }.joined(separator: ", ")
        case .keepAlive: return "keep-alive"
        case .finished(let reason): return "finished" + (reason.map { " (" + visible($0, limit: 40) + ")" } ?? "")
        case .failed(let error): return "failed: " + visible(error.message, limit: limit)
        }
    }

    /// True when the record's type, events or bytes contain `needle` (lowercased), ignoring case.
    static func matches(_ record: RawRecord, _ needle: String) -> Bool {
        if type(record).lowercased().contains(needle) { return true }
        if record.events.contains(where: { eventType($0).contains(needle) }) { return true }
        return record.text.lowercased().contains(needle)
    }

    /// The first `limit` characters of a text on one line, controls and newlines shown visibly.
    static func visible(_ text: String, limit: Int) -> String {
        let head = text.prefix(limit)
        let shown = ControlSanitizer.sanitize(String(head), keepNewlines: false)
        return head.endIndex < text.endIndex ? shown + "…" : shown
    }

    /// The start of some bytes as one line of text; only the prefix a row can show is decoded.
    static func visible(bytes: [UInt8]) -> String {
        var end = min(bytes.count, limit * 4)
        while end < bytes.count, end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        return visible(head, limit: limit) + (end < bytes.count && head.count <= limit ? "…" : "")
    }
}
