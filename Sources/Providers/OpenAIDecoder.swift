import ChatModel
import Wire

/// Decodes `chat.completion.chunk` streams and `chat.completion` documents (protocols.md section 2).
///
/// Text, reasoning and refusals come from choice 0. Tool-call fragments are passed on as they arrive and
/// assembled by index; each assembled call becomes one `tool_call` step when the choice finishes. Helix and
/// PAIS speak the same chunks with extras, so their decoders wrap this one and call its chunk-level methods.
public struct OpenAIDecoder: StreamDecoder {
    private var calls = ToolCallAssembler()
    private var finishReason: String?
    /// Read the first choice when a chunk has no choice 0 (PAIS's documented chunk shows `index: 6`).
    private let lenientChoiceIndex: Bool

    public init() {
        self.init(lenientChoiceIndex: false)
    }

    init(lenientChoiceIndex: Bool) {
        self.lenientChoiceIndex = lenientChoiceIndex
    }

    /// True once a choice reported a non-empty `finish_reason`.
    var hasFinishReason: Bool { finishReason != nil }

    /// The members of a chunk `decode(chunk:)` reads; the others (id, object, created, model, fingerprint)
    /// are checked but never built.
    static let chunkKeys = ["choices", "usage", "error"]

    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        var chunk = OpenAIChunk()
        if chunk.scan(event, lenientChoiceIndex: lenientChoiceIndex) { return decode(chunk) }
        if event.dataBytes.elementsEqual(Self.doneMarker) { return done() }
        if let chunk = JSONObject(event: event, keeping: Self.chunkKeys) { return decode(chunk: chunk) }
        let data = event.data.trimmingTrailingWhitespace
        return data == "[DONE]" ? done() : [Self.notJSON(data)]
    }

    /// The data of the event that ends a stream, as bytes.
    private static let doneMarker = Array("[DONE]".utf8)

    public mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
        guard (200..<300).contains(status) else { return [.failed(ErrorDocument.providerError(status: status, body: body))] }
        guard let reply = JSONObject(bytes: body) else { return [Self.notACompletion(status: status, body: body)] }
        return decode(completion: reply)
    }

    public mutating func finish() -> [StreamEvent] {
        if let finishReason { return calls.finishAll() + [.finished(reason: finishReason)] }
        return calls.finishAll() + [.failed(ProviderError(
            kind: .interrupted, message: "The stream ended before the server said it was done (no finish_reason or [DONE])."))]
    }

    /// The events owed for the `[DONE]` sentinel.
    mutating func done() -> [StreamEvent] {
        calls.finishAll() + [.finished(reason: finishReason ?? "stop")]
    }

    /// Events for one parsed chunk; a chunk with a top-level `error` ends the turn.
    mutating func decode(chunk: JSONObject) -> [StreamEvent] {
        if chunk.has("error") { return [.failed(Self.streamError(chunk))] }
        return decode(OpenAIChunk(chunk, lenientChoiceIndex: lenientChoiceIndex))
    }

    /// Events for the members of a chunk without an error.
    mutating func decode(_ chunk: OpenAIChunk) -> [StreamEvent] {
        var events: [StreamEvent] = []
        if let choice = chunk.choice { events = decode(choice: choice) }
        if let usage = chunk.usage { events.append(.usage(Self.usage(usage))) }
        return events
    }

    /// Events for one parsed `chat.completion` document.
    func decode(completion reply: JSONObject) -> [StreamEvent] {
        if reply.has("error") { return [.failed(Self.streamError(reply))] }
        var events: [StreamEvent] = []
        let choice = reply.objects("choices").first
        if let message = choice?.object("message") {
            if let reasoning = message.string("reasoning_content"), !reasoning.isEmpty { events.append(.reasoning(reasoning)) }
            if let content = message.string("content"), !content.isEmpty { events.append(.text(content)) }
            for (index, call) in message.objects("tool_calls").enumerated() {
                let function = call.object("function")
                events.append(.step(Step(
                    id: call.string("id") ?? "call-\(index)", kind: .toolCall, name: function?.string("name") ?? "",
                    input: function?.string("arguments") ?? "", status: .completed)))
            }
        }
        if let usage = reply.object("usage") { events.append(.usage(Self.usage(usage))) }
        let reason = choice?.string("finish_reason").flatMap { $0.isEmpty ? nil : $0 }
        events.append(.finished(reason: reason ?? "stop"))
        return events
    }

    private mutating func decode(choice: OpenAIChoice) -> [StreamEvent] {
        // The usual chunk carries a piece of text and nothing else: its one event, in an array of one.
        if choice.isOnlyContent {
            guard let content = choice.content, !content.isEmpty else { return [] }
            return [.text(content)]
        }
        var events: [StreamEvent] = []
        if let reasoning = choice.reasoningContent ?? choice.reasoning, !reasoning.isEmpty {
            events.append(.reasoning(reasoning))
        }
        if let content = choice.content, !content.isEmpty { events.append(.text(content)) }
        if let refusal = choice.refusal, !refusal.isEmpty { events.append(.text(refusal)) }
        if !choice.toolCalls.isEmpty {
            for call in choice.toolCalls { events += calls.add(call) }
        } else if let legacy = choice.functionCall {
            events += calls.addLegacy(legacy)
        }
        // Helix's legacy path sends `"finish_reason": ""` on chunks that have not finished.
        if let reason = choice.finishReason, !reason.isEmpty {
            finishReason = reason
            events += calls.finishAll()
        }
        return events
    }

    static func usage(_ usage: JSONObject) -> Usage {
        Usage(
            promptTokens: usage.int("prompt_tokens"), completionTokens: usage.int("completion_tokens"),
            totalTokens: usage.int("total_tokens"))
    }

    static func streamError(_ chunk: JSONObject) -> ProviderError {
        if let error = chunk.object("error") {
            return ProviderError(
                kind: .stream, status: error.int("status") ?? error.int("code"),
                code: error.string("code") ?? error.string("type"), message: error.string("message") ?? "(no message)")
        }
        return ProviderError(kind: .stream, message: chunk.string("error") ?? "The stream reported an error.")
    }

    static func notJSON(_ data: Substring) -> StreamEvent {
        .failed(ProviderError(kind: .decoding, message: "The stream sent an event that is not JSON: \(data.prefix(200))"))
    }

    static func notACompletion(status: Int, body: [UInt8]) -> StreamEvent {
        .failed(ProviderError(
            kind: .decoding, status: status,
            message: "Expected a JSON chat completion but got: \(String(decoding: body.prefix(200), as: UTF8.self))"))
    }
}

extension String {
    var trimmingTrailingWhitespace: Substring {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\n" || last == "\r" || last == "\t" { s.removeLast() }
        return s
    }
}
