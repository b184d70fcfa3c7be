import ChatModel

/// A Dify `message` or `agent_message` event read straight from its bytes: the answer delta and, until the
/// conversation has been announced, its ids; most events of a Dify stream are these.
///
/// Members are read as `JSONObject` reads them (a repeated key reads as its last occurrence, a number may stand
/// for a string), and the whole document is checked as `JSONReader.parse` checks it. Any other event, an
/// invalid document or one that only reads once repaired as text gives `nil`, and the decoder reads the event
/// as a tree, so both ways give the same events.
struct DifyMessageChunk {
    var answer: String?
    var conversationID: String?
    var messageID: String?

    /// `type` is the SSE event type, which names the event when the JSON does not; the ids are read only with
    /// `readingIDs`.
    init?(scanning bytes: UnsafeBufferPointer<UInt8>, type: String, readingIDs: Bool) {
        var reader = JSONReader(stepping: bytes)
        guard reader.enterObject() else { return nil }
        var name: String?
        var members = 0
        while let key = reader.nextKey(&members) {
            if key.is("event") {
                guard let value = reader.readValue() else { return nil }
                name = JSONObject.string(value)
                // Another event is read as a tree; stopping here saves checking the rest twice.
                if let name, !Self.isMessage(name) { return nil }
            } else if key.is("answer") {
                guard let value = reader.readValue() else { return nil }
                answer = JSONObject.string(value)
            } else if readingIDs, key.is("conversation_id") {
                guard let value = reader.readValue() else { return nil }
                conversationID = JSONObject.string(value)
            } else if readingIDs, key.is("message_id") {
                guard let value = reader.readValue() else { return nil }
                messageID = JSONObject.string(value)
            } else {
                guard reader.skip() else { return nil }
            }
        }
        guard reader.finish(), Self.isMessage(name ?? type) else { return nil }
    }

    private static func isMessage(_ name: String) -> Bool {
        name == "message" || name == "agent_message"
    }
}
