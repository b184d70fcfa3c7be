import ChatModel
import Wire

/// Decodes Dify `POST /v1/chat-messages` replies: the event stream and the blocking document (protocols.md 5.3).
///
/// The event name is inside the JSON. The turn ends with `message_end` or `error`; EOF before either is an
/// interruption. Agent thoughts and chatflow nodes are upserted by id. Events this decoder does not know
/// produce nothing, but their bytes stay in the raw records.
public struct DifyDecoder: StreamDecoder {
    private var steps = DifySteps()
    private var announced = false
    private var workflowStopped = false
    /// Whether text events are read straight from their bytes when they can be (`DifyMessageChunk`); tests turn
    /// it off to compare with the tree reading.
    var readsBytes = true

    public init() {}

    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        if event.type == "ping" { return [.keepAlive] }
        let type = event.type
        let readingIDs = !announced
        if readsBytes, case let chunk?? = event.dataBytes.withContiguousStorageIfAvailable({
            DifyMessageChunk(scanning: $0, type: type, readingIDs: readingIDs)
        }) {
            return opened(conversation: chunk.conversationID, message: chunk.messageID) + text(chunk.answer)
        }
        guard let json = JSONObject(event: event) else {
            return [OpenAIDecoder.notJSON(event.data.trimmingTrailingWhitespace)]
        }
        let name = json.string("event") ?? event.type
        return opened(json) + decode(name: name, json)
    }

    public mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
        guard (200..<300).contains(status) else { return [.failed(DifyErrors.httpError(status: status, body: body))] }
        guard let reply = JSONObject(bytes: body) else { return [OpenAIDecoder.notACompletion(status: status, body: body)] }
        if reply.string("event") == "error" { return opened(reply) + [.failed(DifyErrors.streamError(reply))] }
        var events = opened(reply)
        if let answer = reply.string("answer"), !answer.isEmpty { events.append(.text(answer)) }
        events += ending(reply)
        return events
    }

    public mutating func finish() -> [StreamEvent] {
        steps.closeRunning(as: .stopped) + [.failed(ProviderError(
            kind: .interrupted,
            message: "The Dify stream ended without message_end or an error event; the reply may be incomplete."))]
    }

    private mutating func decode(name: String, _ json: JSONObject) -> [StreamEvent] {
        switch name {
        case "message", "agent_message":
            return text(json.string("answer"))
        case "message_file":
            // Dify 1.11.2+ mislabels text deltas as message_file once a message has files (langgenius/dify#36990).
            if json.has("answer"), !json.has("url") { return text(json.string("answer")) }
            return [.file(DifyMapping.attachment(json))]
        case "agent_thought":
            return [steps.upsert(DifyMapping.thought(json, filesKey: "message_files"))]
        case "message_replace":
            return [.replaced(json.string("answer") ?? "")]
        case "message_end":
            return ending(json)
        case "error":
            return steps.closeRunning(as: .failed) + [.failed(DifyErrors.streamError(json))]
        case "ping":
            return [.keepAlive]
        case "text_chunk":
            return text(json.object("data")?.string("text"))
        case "text_replace":
            return [.replaced(json.object("data")?.string("text") ?? "")]
        default:
            guard let data = json.object("data"),
                let step = DifySteps.workflowStep(event: name, data: data, runID: json.string("workflow_run_id"))
            else { return [] }
            if name == "workflow_finished", step.status == .stopped { workflowStopped = true }
            return [steps.upsert(step)]
        }
    }

    /// `message_end` and the blocking reply: open steps closed, citations, files, usage, then `finished`.
    private mutating func ending(_ json: JSONObject) -> [StreamEvent] {
        var events = steps.closeRunning(as: .completed)
        let metadata = json.object("metadata")
        let resources = metadata?.objects("retriever_resources") ?? []
        if !resources.isEmpty { events.append(.citations(resources.map(DifyMapping.citation))) }
        events += json.objects("files").map { .file(DifyMapping.attachment($0)) }
        if let usage = metadata?.object("usage") { events.append(.usage(DifyMapping.usage(usage))) }
        events.append(.finished(reason: workflowStopped ? "stopped" : "stop"))
        return events
    }

    private func text(_ answer: String?) -> [StreamEvent] {
        guard let answer, !answer.isEmpty else { return [] }
        return [.text(answer)]
    }

    private mutating func opened(_ json: JSONObject) -> [StreamEvent] {
        opened(conversation: json.string("conversation_id"), message: json.string("message_id"))
    }

    /// The conversation and message, announced once.
    private mutating func opened(conversation: String?, message: String?) -> [StreamEvent] {
        guard !announced, let conversation, !conversation.isEmpty else { return [] }
        announced = true
        return [.opened(conversationID: conversation, messageID: message)]
    }
}
