/// A dispatched server-sent event, as the WHATWG rules define it.
///
/// The data is kept as the bytes received, for a one-line event a slice of its frame's own bytes, and is
/// decoded to text only on demand: adapters read JSON straight from `dataBytes`, so most events never
/// build their text. Decoding the joined bytes equals decoding each line on its own, because lines are
/// joined with an ASCII line feed and U+FFFD repair never spans an ASCII byte.
public struct SSEEvent: Sendable, Equatable {
    /// The event type; `message` when the stream named none.
    public var type: String
    /// The data's bytes as received, lines joined with LF; possibly invalid UTF-8.
    public private(set) var dataBytes: ArraySlice<UInt8>
    /// The last event id seen so far in the stream (it persists across events).
    public var lastEventID: String

    /// The data as text; invalid UTF-8 in `dataBytes` reads as U+FFFD.
    public var data: String {
        get { String(decoding: dataBytes, as: UTF8.self) }
        set { dataBytes = ArraySlice(newValue.utf8) }
    }

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.init(type: type, dataBytes: ArraySlice(data.utf8), lastEventID: lastEventID)
    }

    public init(type: String = "message", dataBytes: ArraySlice<UInt8>, lastEventID: String = "") {
        self.type = type
        self.dataBytes = dataBytes
        self.lastEventID = lastEventID
    }

    /// Events are equal when their texts are, as they were when `data` was stored decoded.
    public static func == (lhs: SSEEvent, rhs: SSEEvent) -> Bool {
        lhs.type == rhs.type && lhs.lastEventID == rhs.lastEventID
            && lhs.data == rhs.data
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
