import ChatModel
import Foundation

/// The run side of `RecordMapping`: runs, raw records and the events they produced.
extension RecordMapping {
    static func row(_ run: StoredRun) -> RunRow {
        let request = run.request.redacted()
        var r = RunRow(
            id: run.id, messageID: run.messageID, startedAt: run.startedAt.timeIntervalSince1970,
            method: request.method, url: request.url, requestHeaders: request.headers,
            requestBody: Data(request.body))
        if let head = run.response {
            r.responseStatus = head.status
            r.responseHeaders = head.headers.map(Redaction.header)
            r.responseAt = head.receivedAt
        }
        apply(run.metrics, to: &r)
        return r
    }

    static func apply(_ m: RunMetrics, to r: inout RunRow) {
        r.ttfb = m.timeToFirstByte
        r.ttft = m.timeToFirstToken
        r.duration = m.duration
        r.bytes = m.bytes
        r.recordCount = m.records
        r.eventCount = m.events
        r.keepAlives = m.keepAlives
        r.textDeltas = m.textDeltas
        r.largestGap = m.largestGap
        r.largestSilence = m.largestSilence
        r.stalls = m.stalls
        r.completionTokens = m.completionTokens
    }

    static func run(_ r: RunRow, records: [RawRecordRow]) -> StoredRun {
        var metrics = RunMetrics()
        metrics.timeToFirstByte = r.ttfb
        metrics.timeToFirstToken = r.ttft
        metrics.duration = r.duration
        metrics.bytes = r.bytes
        metrics.records = r.recordCount
        metrics.events = r.eventCount
        metrics.keepAlives = r.keepAlives
        metrics.textDeltas = r.textDeltas
        metrics.largestGap = r.largestGap
        metrics.largestSilence = r.largestSilence
        metrics.stalls = r.stalls
        metrics.completionTokens = r.completionTokens
        let response = r.responseStatus.map {
            ResponseHead(status: $0, headers: r.responseHeaders ?? [], receivedAt: r.responseAt ?? 0)
        }
        return StoredRun(
            id: r.id, messageID: r.messageID, startedAt: Date(timeIntervalSince1970: r.startedAt),
            request: RunRequest(method: r.method, url: r.url, headers: r.requestHeaders, body: [UInt8](r.requestBody)),
            response: response, metrics: metrics, records: records.map(record))
    }

    static func row(_ record: RawRecord, seq: Int) -> RawRecordRow {
        RawRecordRow(
            seq: seq, kind: record.kind.rawValue, offset: record.offset, receivedAt: record.receivedAt,
            eventName: record.eventName, bytes: record.bytes, events: record.events.map(row))
    }

    static func record(_ r: RawRecordRow) -> RawRecord {
        RawRecord(
            kind: RawRecord.Kind(rawValue: r.kind) ?? .event, offset: r.offset, receivedAt: r.receivedAt,
            bytes: r.bytes, eventName: r.eventName, events: r.events.compactMap(event))
    }

    static func row(_ event: StreamEvent) -> EventRecord {
        switch event {
        case .opened(let conversationID, let messageID):
            var r = EventRecord(type: "opened")
            r.conversationID = conversationID
            r.messageID = messageID
            return r
        case .text(let text): return textEvent("text", text)
        case .replaced(let text): return textEvent("replaced", text)
        case .reasoning(let text): return textEvent("reasoning", text)
        case .step(let step):
            var r = EventRecord(type: "step")
            r.step = row(step)
            return r
        case .toolCallDelta(let delta):
            var r = EventRecord(type: "tool_call_delta")
            r.index = delta.index
            r.id = delta.id
            r.name = delta.name
            r.text = delta.argumentsFragment
            return r
        case .citations(let citations):
            var r = EventRecord(type: "citations")
            r.citations = citations.map(row)
            return r
        case .file(let file):
            var r = EventRecord(type: "file")
            r.file = row(file)
            return r
        case .usage(let usage):
            var r = EventRecord(type: "usage")
            r.usage = row(usage)
            return r
        case .keepAlive: return EventRecord(type: "keepalive")
        case .finished(let reason):
            var r = EventRecord(type: "finished")
            r.reason = reason
            return r
        case .failed(let error):
            var r = EventRecord(type: "failed")
            r.error = row(error)
            return r
        }
    }

    /// The domain event, or `nil` for a type this build does not know (written by a newer Parley).
    static func event(_ r: EventRecord) -> StreamEvent? {
        switch r.type {
        case "opened": return .opened(conversationID: r.conversationID ?? "", messageID: r.messageID)
        case "text": return .text(r.text ?? "")
        case "replaced": return .replaced(r.text ?? "")
        case "reasoning": return .reasoning(r.text ?? "")
        case "step": return r.step.map { .step(step($0)) }
        case "tool_call_delta":
            return .toolCallDelta(
                ToolCallDelta(index: r.index ?? 0, id: r.id, name: r.name, argumentsFragment: r.text ?? ""))
        case "citations": return .citations((r.citations ?? []).map(citation))
        case "file": return r.file.map { .file(file($0)) }
        case "usage": return r.usage.map { .usage(usage($0)) }
        case "keepalive": return .keepAlive
        case "finished": return .finished(reason: r.reason)
        case "failed": return r.error.map { .failed(error($0)) }
        default: return nil
        }
    }

    private static func textEvent(_ type: String, _ text: String) -> EventRecord {
        var r = EventRecord(type: type)
        r.text = text
        return r
    }
}
