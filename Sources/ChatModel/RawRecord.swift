/// One piece of a response exactly as it arrived, kept beside the events it produced.
///
/// The inspector's raw tab, the recorder, replay and the tests all read these; nothing the server sent is
/// thrown away, not even keep-alives or an unterminated tail.
public struct RawRecord: Sendable, Equatable {
    /// What the bytes were, as the SSE layer saw them.
    public enum Kind: String, Sendable {
        /// A dispatched SSE event.
        case event
        /// A comment or data-less block.
        case keepAlive = "keepalive"
        /// A whole non-SSE body (error document or blocking reply).
        case document
        /// Bytes left over at end of stream that never formed a complete event.
        case tail
    }

    public var kind: Kind
    /// Byte offset of the first byte in the response body.
    public var offset: Int
    /// Seconds from sending the request to receiving the chunk that completed this record.
    public var receivedAt: Double
    public var bytes: [UInt8]
    /// The SSE event name, where there was one.
    public var eventName: String?
    /// The normalized events these bytes produced (possibly none).
    public var events: [StreamEvent]

    public init(
        kind: Kind, offset: Int, receivedAt: Double, bytes: [UInt8], eventName: String? = nil,
        events: [StreamEvent]
    ) {
        self.kind = kind
        self.offset = offset
        self.receivedAt = receivedAt
        self.bytes = bytes
        self.eventName = eventName
        self.events = events
    }

    /// The bytes as text, with invalid UTF-8 shown as U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
