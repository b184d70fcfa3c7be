import Foundation

/// The mapping from normalized events to the JSON lines of `parley send --jsonl` and `parley replay --jsonl`.
extension StreamEvent {
    /// The event as one JSON object, `type` first, with the fields documented in README.
    public var jsonLine: JSONLine {
        var line = JSONLine()
        switch self {
        case .opened(let conversationID, let messageID):
            line.set("type", "opened")
            line.set("conversation_id", conversationID)
            line.set("message_id", messageID)
        case .text(let text):
            line.set("type", "text")
            line.set("text", text)
        case .replaced(let text):
            line.set("type", "replaced")
            line.set("text", text)
        case .reasoning(let text):
            line.set("type", "reasoning")
            line.set("text", text)
        case .step(let step):
            line.set("type", "step")
            line.set("id", step.id)
            line.set("kind", step.kind.rawValue)
            line.set("name", step.name)
            line.set("input", step.input)
            line.set("output", step.output)
            line.set("status", step.status.rawValue)
            if !step.thought.isEmpty { line.set("thought", step.thought) }
            if let label = step.label { line.set("label", label) }
            if let files = step.fileIDs, !files.isEmpty { line.set("files", .array(files.map(JSONLine.Value.string))) }
        case .toolCallDelta(let delta):
            line.set("type", "tool_call_delta")
            line.set("index", delta.index)
            line.set("id", delta.id)
            line.set("name", delta.name)
            line.set("arguments", delta.argumentsFragment)
        case .citations(let citations):
            line.set("type", "citations")
            line.set("citations", .array(citations.map { .object($0.jsonLine) }))
        case .file(let file):
            line.set("type", "file")
            line.set("id", file.id)
            line.set("file_type", file.type)
            line.set("url", file.url)
            line.set("name", file.name)
            line.set("belongs_to", file.belongsTo)
        case .usage(let usage):
            line.set("type", "usage")
            line.set("prompt_tokens", usage.promptTokens)
            line.set("completion_tokens", usage.completionTokens)
            line.set("total_tokens", usage.totalTokens)
            if let price = usage.totalPrice { line.set("total_price", .string(price.text)) }
            if let currency = usage.currency { line.set("currency", currency) }
            if let latency = usage.latency { line.set("latency", .double(latency)) }
            for (name, price) in usage.pricing?.fields ?? [] { line.set(name, .string(price.text)) }
        case .keepAlive:
            line.set("type", "keepalive")
        case .finished(let reason):
            line.set("type", "finished")
            line.set("reason", reason)
        case .failed(let error):
            line.set("type", "failed")
            line.set("kind", error.kind.rawValue)
            line.set("status", error.status)
            line.set("code", error.code)
            line.set("message", error.message)
        }
        return line
    }
}

extension StreamEvent {
    /// Appends the event's JSON line and a line feed to `out`: the text of `jsonLine`, written straight into
    /// `out` for the events a stream is made of (text and reasoning deltas), without an object in between.
    public func appendJSONLine(to out: inout String) {
        switch self {
        case .text(let text): Self.appendTextLine(#"{"type":"text","text":""#, text, to: &out)
        case .reasoning(let text): Self.appendTextLine(#"{"type":"reasoning","text":""#, text, to: &out)
        case .replaced(let text): Self.appendTextLine(#"{"type":"replaced","text":""#, text, to: &out)
        default:
            out += jsonLine.text
            out += "\n"
        }
    }

    /// A line of a delta event: `opening`, the text escaped, its closing quote and brace, a line feed.
    private static func appendTextLine(_ opening: String, _ text: String, to out: inout String) {
        out += opening
        JSONLine.appendEscaped(text, to: &out)
        out += "\"}\n"
    }
}

extension Citation {
    var jsonLine: JSONLine {
        var line = JSONLine()
        line.set("id", id)
        line.set("position", position)
        line.set("title", title)
        line.set("source", source)
        line.set("content", content)
        line.set("score", score.map(JSONLine.Value.double) ?? .null)
        line.set("url", url)
        if let metadata, !metadata.isEmpty {
            var fields = JSONLine()
            for key in metadata.keys.sorted() { fields.set(key, metadata[key]) }
            line.set("metadata", .object(fields))
        }
        return line
    }
}
