import ChatModel

/// Reading a chunk straight from its bytes: the common chunk costs no tree, only the strings that become
/// events.
///
/// The whole document is still checked (`JSONReader`'s stepping reads run the same checks as `parse`), and
/// members are read as `JSONObject` reads them: a repeated key reads as its last occurrence, a number may
/// stand for a string, a value of another type reads as absent. Anything else (invalid JSON, which may read
/// once repaired as text, or an `error` member) gives `nil`, and the decoder reads the chunk as a tree as
/// before, so both ways give the same events for every input.
extension OpenAIChunk {
    init?(scanning bytes: UnsafeBufferPointer<UInt8>, lenientChoiceIndex: Bool, extras: Extras = []) {
        var reader = JSONReader(stepping: bytes)
        guard reader.enterObject() else { return nil }
        self.init()
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("choices") {
                guard let choice = Self.choice(&reader, lenientChoiceIndex: lenientChoiceIndex) else { return nil }
                self.choice = choice
            } else if key.is("usage") {
                guard let value = reader.readValue() else { return nil }
                usage = value.objectMembers.map(JSONObject.init)
            } else if key.is("error") {
                guard let value = reader.readValue() else { return nil }
                hasError = value != .null
            } else if extras.contains(.id), key.is("id") {
                guard let value = reader.readValue() else { return nil }
                id = JSONObject.string(value)
            } else if extras.contains(.sessionID), key.is("session_id") {
                guard let value = reader.readValue() else { return nil }
                sessionID = JSONObject.string(value)
            } else {
                if key.is("index_context_info") { hasContextInfo = true }
                guard reader.skip() else { return nil }
            }
        }
        guard reader.finish(), !hasError else { return nil }
    }

    /// The followed choice of a `choices` value: `.some(nil)` when it has none (or is not an array), `nil` when
    /// the document is invalid.
    private static func choice(_ reader: inout JSONReader, lenientChoiceIndex: Bool) -> OpenAIChoice?? {
        guard reader.nextKind() == .array else { return reader.skip() ? .some(nil) : nil }
        guard reader.enterArray() else { return nil }
        var items = 0
        var first: OpenAIChoice?
        var zero: OpenAIChoice?
        var choice = OpenAIChoice()
        while reader.nextItem(&items) {
            // Once the choice is known, the rest are only checked.
            guard zero == nil, reader.nextKind() == .object else {
                guard reader.skip() else { return nil }
                continue
            }
            guard Self.choiceObject(&reader, into: &choice) else { return nil }
            if (choice.index ?? 0) == 0 {
                zero = choice
            } else if lenientChoiceIndex, first == nil {
                first = choice
            }
            choice = OpenAIChoice()
        }
        guard !reader.hasFailed else { return nil }
        return .some(zero ?? first)
    }

    /// One choice object, the reader at its opening brace; false when the document is invalid.
    private static func choiceObject(_ reader: inout JSONReader, into choice: inout OpenAIChoice) -> Bool {
        guard reader.enterObject() else { return false }
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("index") {
                guard let value = reader.readValue() else { return false }
                choice.index = JSONObject.int(value)
            } else if key.is("delta") {
                choice.clearDelta()
                guard reader.nextKind() == .object ? delta(&reader, into: &choice) : reader.skip() else { return false }
            } else if key.is("finish_reason") {
                guard let value = reader.readValue() else { return false }
                choice.finishReason = JSONObject.string(value)
            } else {
                guard reader.skip() else { return false }
            }
        }
        return !reader.hasFailed
    }

    /// The members of a `delta` object; false when the document is invalid.
    private static func delta(_ reader: inout JSONReader, into choice: inout OpenAIChoice) -> Bool {
        guard reader.enterObject() else { return false }
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("content") {
                guard let value = reader.readValue() else { return false }
                choice.content = JSONObject.string(value)
            } else if key.is("reasoning_content") {
                guard let value = reader.readValue() else { return false }
                choice.reasoningContent = JSONObject.string(value)
            } else if key.is("reasoning") {
                guard let value = reader.readValue() else { return false }
                choice.reasoning = JSONObject.string(value)
            } else if key.is("refusal") {
                guard let value = reader.readValue() else { return false }
                choice.refusal = JSONObject.string(value)
            } else if key.is("tool_calls") {
                guard let value = reader.readValue() else { return false }
                choice.toolCalls = JSONObject.objects(value)
            } else if key.is("function_call") {
                guard let value = reader.readValue() else { return false }
                choice.functionCall = value.objectMembers.map(JSONObject.init)
            } else {
                guard reader.skip() else { return false }
            }
        }
        return !reader.hasFailed
    }
}
