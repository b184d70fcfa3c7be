import ChatModel

/// One normalized event as stored in a raw record's `events` JSON column.
///
/// A flat object keyed by `type` with only the fields that type uses, so the stored JSON reads like the
/// `--jsonl` output and survives additions to `StreamEvent` (unknown types decode and are skipped).
struct EventRecord: Equatable {
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
struct UsageRow: Equatable {
    var promptTokens: Int?
    var completionTokens: Int?
    var totalTokens: Int?
    var totalPrice: String?
    var currency: String?
    var latency: Double?
    var pricing: Pricing?
}

/// A provider error as stored in an event.
struct ErrorRow: Equatable {
    var kind: String
    var status: Int?
    var code: String?
    var message: String
}

/// The stored JSON of events, written with the key-order writer and read with `JSONReader`.
///
/// Raw records are written while a stream arrives, one events column per record, so the column is written by
/// hand: property names as keys, absent optionals left out. Rows written by any earlier version read back.
extension EventRecord {
    static func jsonText(_ events: [EventRecord]) -> String {
        JSONLine.arrayText(events.map { .object($0.json) })
    }

    /// The events of a column; an entry that is not an event object (or has no type) is skipped.
    static func events(jsonText text: String) -> [EventRecord] {
        guard let items = (try? JSONReader.parse(text))?.arrayValue else { return [] }
        return items.compactMap(EventRecord.init(json:))
    }

    var json: JSONLine {
        var line = JSONLine()
        line.set("type", .string(type))
        line.setIfPresent("text", text)
        line.setIfPresent("conversationID", conversationID)
        line.setIfPresent("messageID", messageID)
        line.setIfPresent("step", step.map { .object($0.json) })
        line.setIfPresent("index", index)
        line.setIfPresent("id", id)
        line.setIfPresent("name", name)
        if let citations { line.set("citations", .array(citations.map { .object($0.json) })) }
        line.setIfPresent("file", file.map { .object($0.json) })
        line.setIfPresent("usage", usage.map { .object($0.json) })
        line.setIfPresent("reason", reason)
        line.setIfPresent("error", error.map { .object($0.json) })
        return line
    }

    init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue else { return nil }
        self.init(type: type)
        text = json["text"]?.stringValue
        conversationID = json["conversationID"]?.stringValue
        messageID = json["messageID"]?.stringValue
        step = json["step"].flatMap(StepRow.init(json:))
        index = json["index"]?.intValue
        id = json["id"]?.stringValue
        name = json["name"]?.stringValue
        citations = json["citations"]?.arrayValue?.compactMap(CitationRow.init(json:))
        file = json["file"].flatMap(FileRow.init(json:))
        usage = json["usage"].flatMap(UsageRow.init(json:))
        reason = json["reason"]?.stringValue
        error = json["error"].flatMap(ErrorRow.init(json:))
    }
}

extension StepRow {
    var json: JSONLine {
        var s = JSONLine()
        for (key, value) in [("id", id), ("kind", kind), ("name", name), ("input", input), ("output", output),
                             ("status", status), ("thought", thought)] {
            s.set(key, .string(value))
        }
        return s
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let kind = json["kind"]?.stringValue, let name = json["name"]?.stringValue,
              let input = json["input"]?.stringValue, let output = json["output"]?.stringValue,
              let status = json["status"]?.stringValue, let thought = json["thought"]?.stringValue
        else { return nil }
        self.init(id: id, kind: kind, name: name, input: input, output: output, status: status, thought: thought)
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

    init?(json: JSONValue) {
        guard let title = json["title"]?.stringValue, let content = json["content"]?.stringValue else { return nil }
        self.init(
            id: json["id"]?.stringValue, rank: json["rank"]?.intValue, title: title, source: json["source"]?.stringValue,
            content: content, score: json["score"]?.doubleValue, url: json["url"]?.stringValue)
    }
}

extension FileRow {
    var json: JSONLine {
        var f = JSONLine()
        f.setIfPresent("id", id)
        f.set("type", .string(type))
        f.setIfPresent("url", url)
        f.setIfPresent("name", name)
        f.setIfPresent("belongsTo", belongsTo)
        return f
    }

    init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue else { return nil }
        self.init(
            id: json["id"]?.stringValue, type: type, url: json["url"]?.stringValue, name: json["name"]?.stringValue,
            belongsTo: json["belongsTo"]?.stringValue)
    }
}

extension UsageRow {
    var json: JSONLine {
        var u = JSONLine()
        u.setIfPresent("promptTokens", promptTokens)
        u.setIfPresent("completionTokens", completionTokens)
        u.setIfPresent("totalTokens", totalTokens)
        u.setIfPresent("totalPrice", totalPrice)
        u.setIfPresent("currency", currency)
        if let latency { u.set("latency", .double(latency)) }
        if let pricing { u.set("pricing", .object(RecordMapping.pricingJSON(pricing))) }
        return u
    }

    init?(json: JSONValue) {
        guard json.objectMembers != nil else { return nil }
        self.init(
            promptTokens: json["promptTokens"]?.intValue, completionTokens: json["completionTokens"]?.intValue,
            totalTokens: json["totalTokens"]?.intValue, totalPrice: json["totalPrice"]?.stringValue,
            currency: json["currency"]?.stringValue, latency: json["latency"]?.doubleValue,
            pricing: json["pricing"].flatMap(RecordMapping.pricing(json:)))
    }
}

extension ErrorRow {
    var json: JSONLine {
        var e = JSONLine()
        e.set("kind", .string(kind))
        e.setIfPresent("status", status)
        e.setIfPresent("code", code)
        e.set("message", .string(message))
        return e
    }

    init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue, let message = json["message"]?.stringValue else { return nil }
        self.init(kind: kind, status: json["status"]?.intValue, code: json["code"]?.stringValue, message: message)
    }
}
