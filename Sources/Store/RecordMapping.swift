import ChatModel
import Foundation

/// The one place where domain types become database rows and back.
///
/// Rows keep the store's own spelling (strings for enums, seconds for dates, decimal strings for prices), so a
/// change to a domain type shows up here as a compile error instead of a silent change to the file format.
enum RecordMapping {
    static func row(_ c: Conversation) -> ConversationRow {
        ConversationRow(
            id: c.id, title: c.title, provider: c.provider, profile: c.profile, remoteID: c.remoteID,
            createdAt: c.createdAt.timeIntervalSince1970, updatedAt: c.updatedAt.timeIntervalSince1970,
            archived: c.archived, pinned: c.pinned)
    }

    static func conversation(_ r: ConversationRow) -> Conversation {
        Conversation(
            id: r.id, title: r.title, provider: r.provider, profile: r.profile, remoteID: r.remoteID,
            createdAt: Date(timeIntervalSince1970: r.createdAt), updatedAt: Date(timeIntervalSince1970: r.updatedAt),
            archived: r.archived, pinned: r.pinned)
    }

    static func row(_ m: Message, conversationID: String, position: Int) -> MessageRow {
        var r = MessageRow(
            id: m.id, conversationID: conversationID, position: position, role: m.role.rawValue, text: m.text,
            reasoning: m.reasoning, status: m.status.rawValue, createdAt: m.createdAt.timeIntervalSince1970)
        r.finishReason = m.finishReason
        r.remoteID = m.remoteID
        if let e = m.error {
            r.errorKind = e.kind.rawValue
            r.errorStatus = e.status
            r.errorCode = e.code
            r.errorMessage = e.message
        }
        if let u = m.usage {
            let usage = row(u)
            r.promptTokens = usage.promptTokens
            r.completionTokens = usage.completionTokens
            r.totalTokens = usage.totalTokens
            r.totalPrice = usage.totalPrice
            r.currency = usage.currency
            r.latency = usage.latency
        }
        r.steps = m.steps.map(row)
        r.citations = m.citations.map(row)
        r.files = m.files.map(row)
        return r
    }

    static func message(_ r: MessageRow) -> Message {
        var m = Message(
            id: r.id, role: ChatMessage.Role(rawValue: r.role) ?? .assistant, text: r.text,
            status: Message.Status(rawValue: r.status) ?? .interrupted, createdAt: Date(timeIntervalSince1970: r.createdAt))
        m.reasoning = r.reasoning
        m.finishReason = r.finishReason
        m.remoteID = r.remoteID
        if let kind = r.errorKind {
            m.error = ProviderError(
                kind: ProviderError.Kind(rawValue: kind) ?? .stream, status: r.errorStatus, code: r.errorCode,
                message: r.errorMessage ?? "")
        }
        let usage = UsageRow(
            promptTokens: r.promptTokens, completionTokens: r.completionTokens, totalTokens: r.totalTokens,
            totalPrice: r.totalPrice, currency: r.currency, latency: r.latency)
        if usage != UsageRow() { m.usage = self.usage(usage) }
        m.steps = r.steps.map(step)
        m.citations = r.citations.map(citation)
        m.files = r.files.map(file)
        return m
    }

    /// Pricing as a JSON object of Dify's names and exact decimal strings.
    static func pricingJSON(_ pricing: Pricing) -> JSONLine {
        var line = JSONLine()
        for (name, price) in pricing.fields { line.set(name, .string(price.text)) }
        return line
    }

    static func pricing(json: JSONValue) -> Pricing? {
        Pricing { json[$0]?.stringValue.flatMap(Price.init) }
    }

    static func row(_ s: Step) -> StepRow {
        StepRow(
            id: s.id, kind: s.kind.rawValue, name: s.name, input: s.input, output: s.output, status: s.status.rawValue,
            thought: s.thought)
    }

    static func step(_ r: StepRow) -> Step {
        Step(
            id: r.id, kind: Step.Kind(rawValue: r.kind) ?? .other, name: r.name, input: r.input, output: r.output,
            status: Step.Status(rawValue: r.status) ?? .stopped, thought: r.thought)
    }

    static func row(_ c: Citation) -> CitationRow {
        CitationRow(
            id: c.id, rank: c.position, title: c.title, source: c.source, content: c.content, score: c.score, url: c.url)
    }

    static func citation(_ r: CitationRow) -> Citation {
        Citation(
            id: r.id, position: r.rank, title: r.title, source: r.source, content: r.content, score: r.score, url: r.url)
    }

    static func row(_ f: Attachment) -> FileRow {
        FileRow(id: f.id, type: f.type, url: f.url, name: f.name, belongsTo: f.belongsTo)
    }

    static func file(_ r: FileRow) -> Attachment {
        Attachment(id: r.id, type: r.type, url: r.url, name: r.name, belongsTo: r.belongsTo)
    }

    static func row(_ u: Usage) -> UsageRow {
        UsageRow(
            promptTokens: u.promptTokens, completionTokens: u.completionTokens, totalTokens: u.totalTokens,
            totalPrice: u.totalPrice?.text, currency: u.currency, latency: u.latency, pricing: u.pricing)
    }

    static func usage(_ r: UsageRow) -> Usage {
        Usage(
            promptTokens: r.promptTokens, completionTokens: r.completionTokens, totalTokens: r.totalTokens,
            totalPrice: r.totalPrice.flatMap(Price.init), currency: r.currency, latency: r.latency, pricing: r.pricing)
    }

    static func row(_ e: ProviderError) -> ErrorRow {
        ErrorRow(kind: e.kind.rawValue, status: e.status, code: e.code, message: e.message)
    }

    static func error(_ r: ErrorRow) -> ProviderError {
        ProviderError(kind: ProviderError.Kind(rawValue: r.kind) ?? .stream, status: r.status, code: r.code, message: r.message)
    }

    /// Headers as a run's JSON header column and a recording keep them: `[["Name","value"],…]`.
    static func headersJSON(_ headers: [HTTPHeader]) -> JSONLine.Value {
        .array(headers.map { .array([.string($0.name), .string($0.value)]) })
    }

    static func json(_ headers: [HTTPHeader]) -> String { JSONLine.text(headersJSON(headers)) }

    /// Headers read back from that shape; `nil` when the value is not a list of name-value pairs.
    static func headers(_ value: JSONValue) -> [HTTPHeader]? {
        guard let items = value.arrayValue else { return nil }
        var headers: [HTTPHeader] = []
        for item in items {
            guard let pair = item.arrayValue, pair.count >= 2, let name = pair[0].stringValue,
                  let value = pair[1].stringValue else { return nil }
            headers.append(HTTPHeader(name, value))
        }
        return headers
    }

    static func headers(json text: String) -> [HTTPHeader]? {
        (try? JSONReader.parse(text)).flatMap(headers)
    }
}
