import ChatModel

/// One normalized event as stored in a raw record's `events` JSON column.
///
/// A flat object keyed by `type` with only the fields that type uses, so the stored JSON reads like the
/// `--jsonl` output and survives additions to `StreamEvent` (unknown types decode and are skipped).
struct EventRecord: Codable, Equatable {
    var type: String
    var text: String?
    var conversationID: String?
    var messageID: String?
    var step: StepRow?
    var index: Int?
    var id: String?
    var name: String?
    var citations: [CitationRow]?
    var file: FileRow?
    var usage: UsageRow?
    var reason: String?
    var error: ErrorRow?

    init(type: String) {
        self.type = type
    }
}

/// Token counts and price of a usage event; the price is the exact decimal string.
struct UsageRow: Codable, Equatable {
    var promptTokens: Int?
    var completionTokens: Int?
    var totalTokens: Int?
    var totalPrice: String?
    var currency: String?
    var latency: Double?
}

/// A provider error as stored in an event.
struct ErrorRow: Codable, Equatable {
    var kind: String
    var status: Int?
    var code: String?
    var message: String
}

/// The stored JSON of events, written with the key-order writer.
///
/// Raw records are written while a stream arrives, one events column per record; `JSONEncoder` costs more
/// than the SQLite insert itself, so the column is written by hand in exactly the shape `JSONDecoder` reads
/// back (property names as keys, absent optionals left out).
extension EventRecord {
    static func jsonText(_ events: [EventRecord]) -> String {
        JSONLine.arrayText(events.map { .object($0.json) })
    }

    var json: JSONLine {
        var line = JSONLine()
        line.set("type", .string(type))
        line.setIfPresent("text", text)
        line.setIfPresent("conversationID", conversationID)
        line.setIfPresent("messageID", messageID)
        if let step {
            var s = JSONLine()
            for (key, value) in [("id", step.id), ("kind", step.kind), ("name", step.name), ("input", step.input),
                                 ("output", step.output), ("status", step.status), ("thought", step.thought)] {
                s.set(key, .string(value))
            }
            line.set("step", .object(s))
        }
        line.setIfPresent("index", index)
        line.setIfPresent("id", id)
        line.setIfPresent("name", name)
        if let citations { line.set("citations", .array(citations.map { .object($0.json) })) }
        if let file {
            var f = JSONLine()
            f.setIfPresent("id", file.id)
            f.set("type", .string(file.type))
            f.setIfPresent("url", file.url)
            f.setIfPresent("name", file.name)
            f.setIfPresent("belongsTo", file.belongsTo)
            line.set("file", .object(f))
        }
        if let usage {
            var u = JSONLine()
            u.setIfPresent("promptTokens", usage.promptTokens)
            u.setIfPresent("completionTokens", usage.completionTokens)
            u.setIfPresent("totalTokens", usage.totalTokens)
            u.setIfPresent("totalPrice", usage.totalPrice)
            u.setIfPresent("currency", usage.currency)
            if let latency = usage.latency { u.set("latency", .double(latency)) }
            line.set("usage", .object(u))
        }
        line.setIfPresent("reason", reason)
        if let error {
            var e = JSONLine()
            e.set("kind", .string(error.kind))
            e.setIfPresent("status", error.status)
            e.setIfPresent("code", error.code)
            e.set("message", .string(error.message))
            line.set("error", .object(e))
        }
        return line
    }
}

extension CitationRow {
    var json: JSONLine {
        var c = JSONLine()
        c.setIfPresent("id", id)
        c.setIfPresent("rank", rank)
        c.set("title", .string(title))
        c.setIfPresent("source", source)
        c.set("content", .string(content))
        if let score { c.set("score", .double(score)) }
        c.setIfPresent("url", url)
        return c
    }
}
