import ChatModel
import Wire

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
        self.init()
        guard scan(bytes, lenientChoiceIndex: lenientChoiceIndex, extras: extras) else { return nil }
    }

    /// Reads a chunk from an event's bytes into this fresh chunk; false when the bytes reading declines and
    /// the chunk must be read as a tree. The decoders call this on a chunk of their own rather than building
    /// an optional one: a chunk is copied member by member, and every event would pay for a few such copies.
    mutating func scan(_ event: SSEEvent, lenientChoiceIndex: Bool, extras: Extras = []) -> Bool {
        event.dataBytes.withContiguousStorageIfAvailable {
            scan($0, lenientChoiceIndex: lenientChoiceIndex, extras: extras)
        } ?? false
    }

    /// Reads a chunk from its bytes into this fresh chunk; false when the bytes reading declines.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, lenientChoiceIndex: Bool, extras: Extras = []) -> Bool {
        var reader = JSONReader(stepping: bytes)
        guard reader.enterObject() else { return false }
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("choices") {
                guard Self.choice(&reader, into: &choice, lenientChoiceIndex: lenientChoiceIndex) else { return false }
            } else if key.is("usage") {
                guard let value = reader.readValue() else { return false }
                usage = value.objectMembers.map(JSONObject.init)
            } else if key.is("error") {
                guard let value = reader.readValue() else { return false }
                hasError = value != .null
            } else if extras.contains(.id), key.is("id") {
                guard let value = reader.readValue() else { return false }
                id = JSONObject.string(value)
            } else if extras.contains(.sessionID), key.is("session_id") {
                guard let value = reader.readValue() else { return false }
                sessionID = JSONObject.string(value)
            } else {
                if key.is("index_context_info") { hasContextInfo = true }
                guard reader.skip() else { return false }
            }
        }
        return reader.finish() && !hasError
    }

    /// Reads a `choices` value into `followed`: its choice 0, else (read leniently) its first choice, else
    /// `nil` (also when it is not an array); false when the document is invalid. Each choice is read in place
    /// into `followed` until one with index 0 is found; the rest are only checked.
    private static func choice(
        _ reader: inout JSONReader, into followed: inout OpenAIChoice?, lenientChoiceIndex: Bool
    ) -> Bool {
        followed = nil
        guard reader.nextKind() == .array else { return reader.skip() }
        guard reader.enterArray() else { return false }
        var items = 0
        /// Whether `followed` holds a choice that must be kept: choice 0, or the first when read leniently.
        var settled = false
        var foundZero = false
        while reader.nextItem(&items) {
            guard !foundZero, reader.nextKind() == .object else {
                guard reader.skip() else { return false }
                continue
            }
            if settled {
                // A leniently kept first choice stays unless this one is choice 0.
                var later = OpenAIChoice()
                guard Self.choiceObject(&reader, into: &later) else { return false }
                if (later.index ?? 0) == 0 {
                    followed = later
                    foundZero = true
                }
                continue
            }
            if followed == nil { followed = OpenAIChoice() } else { followed?.reset() }
            guard Self.choiceObject(&reader, into: &followed!) else { return false }
            if (followed?.index ?? 0) == 0 {
                foundZero = true
                settled = true
            } else if lenientChoiceIndex {
                settled = true
            }
        }
        if !settled { followed = nil }
        return !reader.hasFailed
    }

    /// One choice object, the reader at its opening brace; false when the document is invalid.
    private static func choiceObject(_ reader: inout JSONReader, into choice: inout OpenAIChoice) -> Bool {
        guard reader.enterObject() else { return false }
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("index") {
                if let index = reader.readPlainInteger() {
                    choice.index = index
                    continue
                }
                guard let value = reader.readValue() else { return false }
                choice.index = JSONObject.int(value)
            } else if key.is("delta") {
                choice.clearDelta()
                guard reader.nextKind() == .object ? delta(&reader, into: &choice) : reader.skip() else { return false }
            } else if key.is("finish_reason") {
                guard let reason = Self.text(&reader) else { return false }
                choice.finishReason = reason
            } else {
                guard reader.skip() else { return false }
            }
        }
        return !reader.hasFailed
    }

    /// A member read as `JSONObject.string` reads it: `.some(text)` for a string (or a number's text), `.some(nil)`
    /// for anything else; `nil` when the document is invalid. A string or `null`, nearly every such member, is
    /// read without building a `JSONValue`.
    private static func text(_ reader: inout JSONReader) -> String?? {
        if let text = reader.readString() { return .some(text) }
        if reader.hasFailed { return nil }
        if reader.readNull() { return .some(nil) }
        guard let value = reader.readValue() else { return nil }
        return .some(JSONObject.string(value))
    }

    /// The members of a `delta` object; false when the document is invalid.
    private static func delta(_ reader: inout JSONReader, into choice: inout OpenAIChoice) -> Bool {
        guard reader.enterObject() else { return false }
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("content") {
                guard let text = Self.text(&reader) else { return false }
                choice.content = text
            } else if key.is("reasoning_content") {
                guard let text = Self.text(&reader) else { return false }
                choice.reasoningContent = text
            } else if key.is("reasoning") {
                guard let text = Self.text(&reader) else { return false }
                choice.reasoning = text
            } else if key.is("refusal") {
                guard let text = Self.text(&reader) else { return false }
                choice.refusal = text
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
