import ChatModel
import Foundation

/// A raw stream saved to a file so `parley replay` can deliver the same bytes with the same timing.
///
/// The file is JSON lines, UTF-8, one object per line:
/// - line 1, the header: `{"format":"parley.recording","version":1,"run_id":…,"started_at":…,
///   "request":{"method","url","headers":[[name,value],…],"body":base64},"response":{"status","headers","t"}}`
///   (`response` absent when no head arrived; credential headers are already `[redacted]`);
/// - then one line per raw record, in arrival order: `{"t":seconds after the request,"offset":byte offset in the
///   body,"kind":"event|keepalive|document|tail","event":SSE event name or absent,"bytes":base64}`.
/// Concatenating the `bytes` of all records gives the response body as received.
public struct Recording: Sendable, Equatable {
    /// One piece of the body and when it arrived.
    public struct Chunk: Sendable, Equatable {
        public var t: Double
        public var offset: Int
        public var kind: RawRecord.Kind
        public var eventName: String?
        public var bytes: [UInt8]

        public init(t: Double, offset: Int, kind: RawRecord.Kind, eventName: String? = nil, bytes: [UInt8]) {
            self.t = t
            self.offset = offset
            self.kind = kind
            self.eventName = eventName
            self.bytes = bytes
        }
    }

    public var runID: String?
    public var startedAt: Date?
    public var request: RunRequest
    public var response: ResponseHead?
    public var chunks: [Chunk]

    public init(runID: String? = nil, startedAt: Date? = nil, request: RunRequest, response: ResponseHead?, chunks: [Chunk]) {
        self.runID = runID
        self.startedAt = startedAt
        self.request = request
        self.response = response
        self.chunks = chunks
    }

    /// The recording of a stored run.
    public init(run: StoredRun) {
        self.init(
            runID: run.id, startedAt: run.startedAt, request: run.request.redacted(), response: run.response,
            chunks: run.records.map {
                Chunk(t: $0.receivedAt, offset: $0.offset, kind: $0.kind, eventName: $0.eventName, bytes: $0.bytes)
            })
    }

    /// The whole body as received.
    public var body: [UInt8] { chunks.flatMap(\.bytes) }

    /// The recording as JSON lines, each ending in a newline.
    public var jsonLines: String {
        var redacted = self
        redacted.request = request.redacted()
        redacted.response?.headers = response?.headers.map(Redaction.header) ?? []
        return ([RecordingLines.header(redacted)] + chunks.map(RecordingLines.chunk)).map { $0 + "\n" }.joined()
    }
}
