import ChatModel
import Wire

/// Decodes PAIS agent chat completions: OpenAI chunks plus `session_id` and `index_context_info`.
///
/// Where those two extras appear is not documented, so they are read from whichever chunk carries them and
/// announced once each. An error status keeps its status so a caller can tell a 401 (refresh the token,
/// retry once) from the rest.
public struct PAISDecoder: StreamDecoder {
    private var chunks = OpenAIDecoder(lenientChoiceIndex: true)
    private var announcedSession = false
    private var citedContext = false
    /// Whether a chunk is read straight from its bytes when it can be (`OpenAIChunk(scanning:)`); tests turn it
    /// off to compare with the tree reading.
    var readsBytes = true

    public init() {}

    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        let reading: OpenAIChunk.Extras = announcedSession ? [] : .sessionID
        // A chunk with context to cite is read as a tree, for the citations.
        var scanned = OpenAIChunk()
        if readsBytes, scanned.scan(event, lenientChoiceIndex: true, extras: reading), citedContext || !scanned.hasContextInfo {
            return opened(session: scanned.sessionID) + chunks.decode(scanned)
        }
        if let chunk = JSONObject(event: event) { return extras(chunk) + chunks.decode(chunk: chunk) }
        let data = event.data.trimmingTrailingWhitespace
        return data == "[DONE]" ? chunks.done() : [OpenAIDecoder.notJSON(data)]
    }

    public mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
        guard (200..<300).contains(status) else { return [.failed(Self.httpError(status: status, body: body))] }
        guard let reply = JSONObject(bytes: body) else { return [OpenAIDecoder.notACompletion(status: status, body: body)] }
        return extras(reply) + chunks.decode(completion: reply)
    }

    public mutating func finish() -> [StreamEvent] { chunks.finish() }

    /// An error reply: FastAPI `detail` text or field errors, a plain body as sent, and a hint on 401.
    public static func httpError(status: Int, body: [UInt8]) -> ProviderError {
        var error = ErrorDocument.providerError(status: status, body: body)
        if status == 401 {
            error.message = "The access token was refused (HTTP 401); get a fresh token and try again. Server said: \(error.message)"
        }
        return error
    }

    /// The session, announced once.
    private mutating func opened(session: String?) -> [StreamEvent] {
        guard !announcedSession, let session, !session.isEmpty else { return [] }
        announcedSession = true
        return [.opened(conversationID: session, messageID: nil)]
    }

    private mutating func extras(_ chunk: JSONObject) -> [StreamEvent] {
        var events = opened(session: chunk.string("session_id"))
        let context = chunk.objects("index_context_info")
        if !citedContext, !context.isEmpty {
            citedContext = true
            events.append(.citations(context.enumerated().map { Self.citation($1, position: $0 + 1) }))
        }
        return events
    }

    static func citation(_ info: JSONObject, position: Int) -> Citation {
        let metadata = info.object("metadata")
        var details: [String: String] = [:]
        for key in metadata?.keys.sorted() ?? [] { details[key] = metadata?.text(key) }
        return Citation(
            id: metadata?.string("document_id"), position: position,
            title: metadata?.string("origin_name") ?? metadata?.string("document_id") ?? "passage \(position)",
            content: info.string("text") ?? "", score: metadata?.double("score"), url: metadata?.string("origin_ref"),
            metadata: details.isEmpty ? nil : details)
    }
}
