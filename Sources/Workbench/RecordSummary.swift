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
        if let name = jsonEventName(record.bytes) { return visible(name, limit: 40) }
        guard let first = record.events.first else { return "data" }
        return eventType(first)
    }

    /// The `"event"` member near the start of a record's JSON (Dify names its events there rather than in an
    /// SSE `event:` line); only the first bytes are looked at.
    static func jsonEventName(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(256)
        let key = Array(#""event""#.utf8)
        guard let start = head.indices.first(where: { head[$0...].starts(with: key) }) else { return nil }
        var index = start + key.count
        func skipSpaces() { while index < head.endIndex, head[index] == 0x20 { index += 1 } }
        skipSpaces()
        guard index < head.endIndex, head[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        skipSpaces()
        guard index < head.endIndex, head[index] == UInt8(ascii: "\"") else { return nil }
        let nameStart = index + 1
        guard let end = head[nameStart...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
              head[end] == UInt8(ascii: "\""), end > nameStart
        else { return nil }
        return String(decoding: head[nameStart..<end], as: UTF8.self)
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

    /// A short summary of what the record carried: its events described one after another (the first without
    /// its label when the type already says it), and the data itself when it was only an end marker or
    /// produced nothing.
    static func summary(_ record: RawRecord) -> String {
        let recordType = type(record)
        guard !record.events.isEmpty, record.kind != .keepAlive else { return visible(data: record.bytes) }
        if record.bytes.count < 64, record.events.allSatisfy({ if case .finished = $0 { return true } else { return false } }) {
            return visible(data: record.bytes)
        }
        var parts: [String] = []
        var length = 0
        for (i, event) in record.events.enumerated() {
            guard length < limit else { break }
            let (label, detail) = describe(event)
            let part = i == 0 && label == recordType ? detail : [label, detail].filter { !$0.isEmpty }.joined(separator: " ")
            length += part.count
            if !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: " · ")
    }

    /// One event as a label (its kind; none for text, which its quotes show) and a few words of what it carried.
    static func describe(_ event: StreamEvent) -> (label: String, detail: String) {
        let label = eventType(event)
        switch event {
        case .text(let delta): return ("", "“" + visible(delta, limit: limit) + "”")
        case .opened(let conversation, let message):
            return (label, visible(conversation, limit: 40) + (message.map { " message " + visible($0, limit: 40) } ?? ""))
        case .replaced(let text): return (label, "“" + visible(text, limit: limit) + "”")
        case .reasoning(let delta): return (label, "“" + visible(delta, limit: limit) + "”")
        case .step(let step):
            var text = visible(step.displayName, limit: 60) + " " + step.status.rawValue
            if !step.input.isEmpty { text += " in " + visible(step.input, limit: 60) }
            return (label, text)
        case .toolCallDelta(let delta):
            return (label, "#\(delta.index)" + (delta.name.map { " " + visible($0, limit: 40) } ?? "")
                + (delta.argumentsFragment.isEmpty ? "" : " " + visible(delta.argumentsFragment, limit: 60)))
        case .citations(let citations):
            return (label, "\(citations.count)" + (citations.first.map { ": " + visible($0.title, limit: 60) } ?? ""))
        case .file(let file): return (label, visible(file.name ?? file.id ?? file.type, limit: 60))
        case .usage(let usage):
            return (label, [("prompt", usage.promptTokens), ("completion", usage.completionTokens), ("total", usage.totalTokens)]
                .compactMap { name, value in value.map { "\(name) \($0)" } }.joined(separator: ", "))
        case .keepAlive: return (label, "")
        case .finished(let reason): return (label, reason.map { "(" + visible($0, limit: 40) + ")" } ?? "")
        case .failed(let error): return (label, visible(error.message, limit: limit))
        }
    }

    /// True when the record carried text the transcript shows for its reply: a text delta, a replacement of
    /// the whole text, or reasoning.
    static func carriesText(_ record: RawRecord) -> Bool {
        record.events.contains { event in
            switch event {
            case .text(let text), .replaced(let text), .reasoning(let text): return !text.isEmpty
            default: return false
            }
        }
    }

    /// True when the record carried (part of) step `id`: the step itself or a fragment of its tool call.
    static func carries(_ record: RawRecord, step id: String) -> Bool {
        record.events.contains { event in
            switch event {
            case .step(let step): return step.id == id
            case .toolCallDelta(let delta): return delta.id == id
            default: return false
            }
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

    /// The start of a record's bytes without a leading `data: ` (the type column says what it is).
    static func visible(data bytes: [UInt8]) -> String {
        let prefix = Array("data: ".utf8)
        return visible(bytes: bytes.starts(with: prefix) ? bytes[prefix.count...] : bytes[...])
    }

    /// The start of some bytes as one line of text; only the prefix a row can show is decoded.
    static func visible(bytes: ArraySlice<UInt8>) -> String {
        var end = min(bytes.endIndex, bytes.startIndex + limit * 4)
        while end < bytes.endIndex, end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        return visible(head, limit: limit) + (end < bytes.endIndex && head.count <= limit ? "…" : "")
    }
}
