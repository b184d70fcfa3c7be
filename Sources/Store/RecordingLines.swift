import ChatModel
import Foundation

/// The JSON of a recording file's lines, written with `JSONLine` and read with `JSONReader`; see `Recording`
/// for the format.
///
/// Keys are sorted and numbers written as Foundation's encoders wrote them, so files stay byte for byte what
/// earlier versions wrote.
enum RecordingLines {
    static let format = "parley.recording"
    static let version = 1

    /// A field that is missing or has the wrong type, by its path in the line.
    struct Missing: Error, CustomStringConvertible {
        var field: String
        var description: String { "\"\(field)\" is missing or not of the right type" }
    }

    /// The first line: format, version, run id and start, the request and the response head.
    static func header(_ recording: Recording) -> String {
        var request = JSONLine()
        request.set("method", recording.request.method)
        request.set("url", recording.request.url)
        request.set("headers", RecordMapping.headersJSON(recording.request.headers))
        request.set("body", Data(recording.request.body).base64EncodedString())
        var line = JSONLine()
        line.set("format", format)
        line.set("version", version)
        line.setIfPresent("run_id", recording.runID)
        line.setIfPresent("started_at", recording.startedAt.map { .shortest($0.timeIntervalSince1970) })
        line.set("request", .object(request))
        if let head = recording.response {
            var response = JSONLine()
            response.set("status", head.status)
            response.set("headers", RecordMapping.headersJSON(head.headers))
            response.set("t", .shortest(head.receivedAt))
            line.set("response", .object(response))
        }
        return line.text(.sorted)
    }

    /// A record's line: when and where it arrived, its kind and SSE event name, and its bytes.
    static func chunk(_ chunk: Recording.Chunk) -> String {
        var line = JSONLine()
        line.set("t", .shortest(chunk.t))
        line.set("offset", chunk.offset)
        line.set("kind", chunk.kind.rawValue)
        line.setIfPresent("event", chunk.eventName)
        line.set("bytes", Data(chunk.bytes).base64EncodedString())
        return line.text(.sorted)
    }

    /// The header line read back; the format and version are for the caller to check.
    static func header(
        from text: Substring
    ) throws -> (format: String, version: Int, recording: Recording) {
        let json = try JSONReader.parse(text)
        let request = try require(json["request"], "request")
        let response = try json["response"].map { head in
            ResponseHead(
                status: try require(head["status"]?.intValue, "response.status"),
                headers: try require(head["headers"].flatMap(RecordMapping.headers), "response.headers"),
                receivedAt: try require(head["t"]?.doubleValue, "response.t"))
        }
        let recording = Recording(
            runID: try optional(json["run_id"], \.stringValue, "run_id"),
            startedAt: try optional(json["started_at"], \.doubleValue, "started_at").map(Date.init(timeIntervalSince1970:)),
            request: RunRequest(
                method: try require(request["method"]?.stringValue, "request.method"),
                url: try require(request["url"]?.stringValue, "request.url"),
                headers: try require(request["headers"].flatMap(RecordMapping.headers), "request.headers"),
                body: try bytes(request["body"], "request.body")),
            response: response, chunks: [])
        return (
            try require(json["format"]?.stringValue, "format"), try require(json["version"]?.intValue, "version"),
            recording
        )
    }

    /// A record's line read back.
    static func chunk(from text: Substring) throws -> Recording.Chunk {
        let json = try JSONReader.parse(text)
        return Recording.Chunk(
            t: try require(json["t"]?.doubleValue, "t"), offset: try require(json["offset"]?.intValue, "offset"),
            kind: RawRecord.Kind(rawValue: try require(json["kind"]?.stringValue, "kind")) ?? .event,
            eventName: try optional(json["event"], \.stringValue, "event"), bytes: try bytes(json["bytes"], "bytes"))
    }

    private static func require<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw Missing(field: field) }
        return value
    }

    /// An optional field: absent or `null` is `nil`, a value of another type is an error.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?, _ field: String) throws -> T? {
        guard let value, value != .null else { return nil }
        return try require(read(value), field)
    }

    private static func bytes(_ value: JSONValue?, _ field: String) throws -> [UInt8] {
        [UInt8](try require(value?.stringValue.flatMap { Data(base64Encoded: $0) }, field))
    }
}
