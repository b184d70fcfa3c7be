/// A dispatched server-sent event, as the WHATWG rules define it.
public struct SSEEvent: Sendable, Equatable {
    /// The event type; `message` when the stream named none.
    public var type: String
    public var data: String
    /// The last event id seen so far in the stream (it persists across events).
    public var lastEventID: String

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}

/// One unit the parser hands out: an event or a keep-alive, with the exact bytes it came from.
public struct SSEFrame: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case event(SSEEvent)
        /// A comment line, or a block that carried no data (Dify's `event: ping`).
        case keepAlive
        /// Bytes that never formed a complete event before the stream ended.
        case tail
    }

    public var kind: Kind
    /// Byte offset of `bytes` in the whole stream.
    public var offset: Int
    public var bytes: [UInt8]

    public init(kind: Kind, offset: Int, bytes: [UInt8]) {
        self.kind = kind
        self.offset = offset
        self.bytes = bytes
    }
}
