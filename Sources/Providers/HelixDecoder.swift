import ChatModel
import Wire

/// Decodes Helix `POST /api/v1/sessions/chat` replies (protocols.md 3.3 and 3.4).
///
/// Helix re-sends OpenAI chunks, so the chunk work is `OpenAIDecoder`'s. On top: every chunk's `id` is the
/// session id (announced once as `opened`), agent reasoning arrives inline as `<think>…</think>`, `[DONE]`
/// exists only from 2.4.0 (so EOF after a `finish_reason` ends the turn), and an in-stream
/// `{"error":{…}}` may be invalid JSON because the server splices the message in unescaped.
public struct HelixDecoder: StreamDecoder {
    private var chunks = OpenAIDecoder()
    private var think = ThinkTagSplitter()
    private var announced = false
    /// Whether a chunk is read straight from its bytes when it can be (`OpenAIChunk(scanning:)`); tests turn it
    /// off to compare with the tree reading.
    var readsBytes = true

    public init() {}

    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        let reading: OpenAIChunk.Extras = announced ? [] : .id
        var scanned = OpenAIChunk()
        if readsBytes, scanned.scan(event, lenientChoiceIndex: false, extras: reading) {
            return opened(id: scanned.id) + think.split(chunks.decode(scanned))
        }
        if let chunk = JSONObject(event: event) {
            return opened(id: chunk.string("id")) + think.split(chunks.decode(chunk: chunk))
        }
        let data = event.data.trimmingTrailingWhitespace
        if data == "[DONE]" { return think.split(chunks.done()) }
        if data.hasPrefix("{\"error\"") { return [.failed(Self.malformedError(data))] }
        return [OpenAIDecoder.notJSON(data)]
    }

    public mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
        guard (200..<300).contains(status) else { return [.failed(ErrorDocument.providerError(status: status, body: body))] }
        guard let reply = JSONObject(bytes: body) else { return [OpenAIDecoder.notACompletion(status: status, body: body)] }
        return opened(id: reply.string("id")) + think.split(chunks.decode(completion: reply))
    }

    public mutating func finish() -> [StreamEvent] {
        let owed = think.flush()
        if chunks.hasFinishReason { return owed + chunks.finish() }
        return owed + [.failed(ProviderError(
            kind: .interrupted,
            message: "The Helix stream ended before a finish_reason or [DONE]; the session's stored interaction may say why."))]
    }

    private mutating func opened(id: String?) -> [StreamEvent] {
        guard !announced, let id, !id.isEmpty else { return [] }
        announced = true
        return [.opened(conversationID: id, messageID: nil)]
    }

    /// An error chunk that is not valid JSON: the message between the known prefix and suffix, else all of it.
    static func malformedError(_ data: Substring) -> ProviderError {
        let prefix = "{\"error\":{\"message\":\""
        let suffix = "\"}}"
        var message = String(data)
        if data.hasPrefix(prefix), data.hasSuffix(suffix), data.count >= prefix.count + suffix.count {
            message = String(data.dropFirst(prefix.count).dropLast(suffix.count))
        }
        return ProviderError(kind: .stream, message: message)
    }
}
