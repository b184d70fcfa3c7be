import ChatModel

/// What the linter reads: the response head when known, the body as it arrived, and the request when known.
///
/// Pure data, so the command line (files, recordings, stored runs) and later the workbench (a run's records)
/// build it from what they have. Timing rules run only when `timed` is true: a bare body or a `curl -i` file
/// has no arrival times.
public struct LintInput: Sendable {
    /// The response status and headers; `nil` when the file had none (a bare body).
    public struct Head: Sendable, Equatable {
        public var status: Int
        public var headers: [HTTPHeader]

        public init(status: Int, headers: [HTTPHeader]) {
            self.status = status
            self.headers = headers
        }
    }

    /// Bytes of the body that arrived together, `time` seconds after the request went out.
    public struct Piece: Sendable, Equatable {
        public var time: Double
        public var bytes: [UInt8]

        public init(time: Double, bytes: [UInt8]) {
            self.time = time
            self.bytes = bytes
        }
    }

    /// The protocol to check events against: a provider kind, `sse` for the framing rules only, or `nil` to
    /// guess from the events.
    public var provider: String?
    public var head: Head?
    /// The body in arrival order.
    public var pieces: [Piece]
    public var timed: Bool
    /// The request body, when known (stored runs and recordings): it says whether usage was asked for.
    public var requestBody: [UInt8]?
    /// A silence longer than this many seconds is a `stream-gap`.
    public var gapThreshold: Double

    public init(
        provider: String? = nil, head: Head? = nil, pieces: [Piece], timed: Bool = false, requestBody: [UInt8]? = nil,
        gapThreshold: Double = LintInput.defaultGapThreshold
    ) {
        self.provider = provider
        self.head = head
        self.pieces = pieces
        self.timed = timed
        self.requestBody = requestBody
        self.gapThreshold = gapThreshold
    }

    /// A whole body with no timing.
    public init(provider: String? = nil, head: Head? = nil, body: [UInt8], requestBody: [UInt8]? = nil) {
        self.init(provider: provider, head: head, pieces: [Piece(time: 0, bytes: body)], requestBody: requestBody)
    }

    /// A run's raw records as they arrived (a `RunLog`'s, in the workbench), with their times.
    public init(provider: String? = nil, head: Head? = nil, records: [RawRecord], requestBody: [UInt8]? = nil) {
        self.init(
            provider: provider, head: head, pieces: records.map { Piece(time: $0.receivedAt, bytes: $0.bytes) },
            timed: true, requestBody: requestBody)
    }

    /// Silences over 10 s are reported: well under the 30-60 s idle timeouts of common clients and proxies, and
    /// above Dify's 10 s keep-alive.
    public static let defaultGapThreshold = 10.5
}
