import ChatModel

/// What `OpenAIDecoder` reads from one `chat.completion.chunk`: the choice it follows, usage, and whether it
/// reports an error.
///
/// It is read straight from a chunk's bytes (`init?(scanning:)`), or from a parsed `JSONObject` when the bytes
/// reading declines (an error, bytes that need repair, PAIS's context to cite); the decoder turns either into
/// events the same way.
struct OpenAIChunk {
    /// True when the chunk has a non-null top-level `error`; the decoder then reads the whole chunk.
    var hasError = false
    /// The choice with index 0, else (when the choice index is read leniently) the first choice.
    var choice: OpenAIChoice?
    var usage: JSONObject?
    /// The top-level `id` and `session_id`, read from bytes only when asked for (`Extras`): Helix names its
    /// session with the first, PAIS with the second.
    var id: String?
    var sessionID: String?
    /// True when the chunk has an `index_context_info` member (PAIS's citations), which the bytes reading
    /// leaves to the tree.
    var hasContextInfo = false

    /// Top-level members read from bytes on request.
    struct Extras: OptionSet {
        let rawValue: Int
        static let id = Extras(rawValue: 1)
        static let sessionID = Extras(rawValue: 2)
    }

    init() {}

    init(_ chunk: JSONObject, lenientChoiceIndex: Bool) {
        hasError = chunk.has("error")
        let choices = chunk.objects("choices")
        let followed = choices.first { ($0.int("index") ?? 0) == 0 } ?? (lenientChoiceIndex ? choices.first : nil)
        choice = followed.map(OpenAIChoice.init)
        usage = chunk.object("usage")
    }
}

/// The members of one choice the decoder reads, each as `JSONObject` reads it (a repeated key reads last).
struct OpenAIChoice {
    var index: Int?
    var reasoningContent: String?
    var reasoning: String?
    var content: String?
    var refusal: String?
    var toolCalls: [JSONObject] = []
    var functionCall: JSONObject?
    var finishReason: String?

    init() {}

    init(_ choice: JSONObject) {
        index = choice.int("index")
        if let delta = choice.object("delta") {
            reasoningContent = delta.string("reasoning_content")
            reasoning = delta.string("reasoning")
            content = delta.string("content")
            refusal = delta.string("refusal")
            toolCalls = delta.objects("tool_calls")
            functionCall = delta.object("function_call")
        }
        finishReason = choice.string("finish_reason")
    }

    /// True when the choice says nothing but (possibly) `content`: no reasoning, refusal, tool call or finish.
    var isOnlyContent: Bool {
        reasoningContent == nil && reasoning == nil && refusal == nil && toolCalls.isEmpty && functionCall == nil
            && finishReason?.isEmpty != false
    }

    /// Forgets everything read so far, to read another choice in its place.
    mutating func reset() {
        index = nil
        clearDelta()
        finishReason = nil
    }

    /// Forgets what an earlier `delta` member said: only the last one counts.
    mutating func clearDelta() {
        reasoningContent = nil
        reasoning = nil
        content = nil
        refusal = nil
        toolCalls = []
        functionCall = nil
    }
}
