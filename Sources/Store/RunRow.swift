import ChatModel
import Foundation

/// A `runs` row: the request as sent (secrets redacted), the response head, and the run's figures.
struct RunRow: Equatable {
    var id: String
    var messageID: String
    var startedAt: Double
    var method: String
    var url: String
    var requestHeaders: [HTTPHeader]
    var requestBody: Data
    var responseStatus: Int?
    var responseHeaders: [HTTPHeader]?
    var responseAt: Double?
    var ttfb: Double?
    var ttft: Double?
    var duration: Double?
    var bytes = 0
    var recordCount = 0
    var eventCount = 0
    var keepAlives = 0
    var textDeltas = 0
    var largestGap = 0.0
    var largestSilence = 0.0
    var stalls = 0
    var completionTokens: Int?

    static let columns = """
        id, message_id, started_at, method, url, request_headers, request_body, response_status, \
        response_headers, response_at, ttfb, ttft, duration, bytes, record_count, event_count, keep_alives, \
        text_deltas, largest_gap, stalls, completion_tokens, largest_silence
        """

    init(
        id: String, messageID: String, startedAt: Double, method: String, url: String, requestHeaders: [HTTPHeader],
        requestBody: Data
    ) {
        self.id = id
        self.messageID = messageID
        self.startedAt = startedAt
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
    }

    init(_ s: Statement) {
        self.init(
            id: s.text(0), messageID: s.text(1), startedAt: s.double(2), method: s.text(3), url: s.text(4),
            requestHeaders: RecordMapping.headers(json: s.text(5)) ?? [], requestBody: Data(s.blob(6)))
        responseStatus = s.optionalInt(7)
        responseHeaders = s.optionalText(8).flatMap(RecordMapping.headers(json:))
        responseAt = s.optionalDouble(9)
        ttfb = s.optionalDouble(10)
        ttft = s.optionalDouble(11)
        duration = s.optionalDouble(12)
        bytes = s.int(13)
        recordCount = s.int(14)
        eventCount = s.int(15)
        keepAlives = s.int(16)
        textDeltas = s.int(17)
        largestGap = s.double(18)
        stalls = s.int(19)
        completionTokens = s.optionalInt(20)
        largestSilence = s.double(21)
    }

    var values: [SQLValue] {
        [.text(id), .text(messageID), .double(startedAt), .text(method), .text(url),
         .text(RecordMapping.json(requestHeaders)), .blob([UInt8](requestBody)), .intOrNull(responseStatus),
         .textOrNull(responseHeaders.map(RecordMapping.json)), .doubleOrNull(responseAt), .doubleOrNull(ttfb),
         .doubleOrNull(ttft), .doubleOrNull(duration), .int(bytes), .int(recordCount), .int(eventCount),
         .int(keepAlives), .int(textDeltas), .double(largestGap), .int(stalls), .intOrNull(completionTokens),
         .double(largestSilence)]
    }
}

/// One raw record as the store keeps it: the bytes as they arrived and the events they produced, in arrival
/// order. Stored in `record_blocks` rows (`RecordBlock`); a version-5 file's `raw_records` rows are read with
/// `init(_:)` once, when it is upgraded.
struct RawRecordRow: Equatable {
    var seq: Int
    var kind: String
    var offset: Int
    var receivedAt: Double
    var eventName: String?
    /// The record's bytes, shared with the `RawRecord` it maps (an event can be megabytes; no copy is made).
    var bytes: [UInt8]
    var events: [EventRecord]

    init(seq: Int, kind: String, offset: Int, receivedAt: Double, eventName: String?, bytes: [UInt8], events: [EventRecord]) {
        self.seq = seq
        self.kind = kind
        self.offset = offset
        self.receivedAt = receivedAt
        self.eventName = eventName
        self.bytes = bytes
        self.events = events
    }

    /// A `raw_records` row of schema version 5 or older: seq, kind, byte_offset, received_at, event_name, bytes,
    /// events.
    init(_ s: Statement) {
        let events = EventRecord.events(jsonText: s.text(6))
        self.init(
            seq: s.int(0), kind: s.text(1), offset: s.int(2), receivedAt: s.double(3), eventName: s.optionalText(4),
            bytes: s.blob(5), events: events)
    }
}
