import ChatModel
import Wire

/// Reads one HTTP response into raw records, each with the normalized events it produced.
///
/// It is the one place that decides SSE versus whole document (status 2xx and `text/event-stream`, per
/// protocols.md section 1 rule 9), so `parley send`, `parley replay`, the session controller and the tests
/// all cut the same bytes the same way.
public struct ResponseReader: Sendable {
    private var decoder: any StreamDecoder
    private var parser = SSEParser()
    private var head: HTTPResponseHead?
    private var document: [UInt8] = []
    private var documentStartedAt: Double?
    private var sawTerminal = false
    private var ended = false
    private var bytesReceived = 0
    /// `host:port` the response came from, named in HTTP errors.
    private let endpoint: String?
    private let limits: ResponseLimits
    private var overLimit = false

    public init(decoder: any StreamDecoder, endpoint: String? = nil, limits: ResponseLimits = ResponseLimits()) {
        self.decoder = decoder
        self.endpoint = endpoint
        self.limits = limits
    }

    /// True once an event that ends the turn (finished or failed) has been produced.
    public var isTerminated: Bool { sawTerminal }

    /// True once the response passed one of its limits: the run has failed and the call should be dropped.
    /// Later bytes are ignored.
    public var isOverLimit: Bool { overLimit }

    /// Takes the response head; must come before any body bytes.
    public mutating func begin(_ head: HTTPResponseHead) {
        self.head = head
        // A whole body of a size the server announced is read into one buffer of that size, not one that
        // doubles as it fills and briefly needs room for both.
        if !head.isEventStream, let length = head.headers.value(for: "Content-Length").flatMap({ Int($0) }), length > 0 {
            document.reserveCapacity(min(length, limits.maxBodyBytes))
        }
    }

    /// Takes the next body bytes, received `time` seconds after the request went out.
    public mutating func feed(_ bytes: [UInt8], at time: Double) -> [RawRecord] {
        guard !overLimit else { return [] }
        let offset = bytesReceived
        bytesReceived += bytes.count
        guard let head, head.isEventStream else {
            if documentStartedAt == nil { documentStartedAt = time }
            guard document.count + bytes.count <= limits.maxBodyBytes else {
                return [refusal(of: document.prefix(Self.keptPrefix), at: 0, bodyOver: true, time: time)]
            }
            document += bytes
            return []
        }
        let frames = parser.feed(bytes)
        var records: [RawRecord] = []
        records.reserveCapacity(frames.count)
        for frame in frames {
            guard frame.bytes.count <= limits.maxEventBytes else {
                records.append(refusal(of: frame.bytes.prefix(Self.keptPrefix), at: frame.offset, bodyOver: false, time: time))
                return records
            }
            records.append(record(for: frame, at: time))
        }
        if parser.bufferedByteCount > limits.maxEventBytes {
            let start = offset + bytes.count - parser.bufferedByteCount
            records.append(refusal(of: parser.bufferedPrefix(Self.keptPrefix), at: start, bodyOver: false, time: time))
        }
        return records
    }

    /// How many bytes of a response over a limit are kept, so the inspector shows what it began with.
    static let keptPrefix = 4096

    /// Ends the response at a limit: its memory is let go, and the record says which limit and how to raise it.
    private mutating func refusal(of prefix: ArraySlice<UInt8>, at offset: Int, bodyOver: Bool, time: Double) -> RawRecord {
        overLimit = true
        parser = SSEParser()
        document = []
        let from = endpoint.map { " from \($0)" } ?? ""
        let (what, limit, key, flag) = bodyOver
            ? ("The response\(from) is", limits.maxBodyBytes, "max_body_size", "--max-body-size")
            : ("One event\(from) is", limits.maxEventBytes, "max_event_size", "--max-event-size")
        let failure = ProviderError(
            kind: .limit, code: key,
            message: "\(what) larger than \(ResponseLimits.describe(limit)), Parley's limit (\(key)); the reply was "
                + "stopped there and what came before it is kept. To accept it, raise the limit: \(flag) 256M, or "
                + "\(key): 256M in config.yaml.")
        sawTerminal = true
        return RawRecord(kind: .tail, offset: offset, receivedAt: time, bytes: Array(prefix), events: [.failed(failure)])
    }

    /// Ends the response. `error` is the transport's failure, if the connection did not end cleanly.
    public mutating func finish(at time: Double, error: TransportError? = nil) -> [RawRecord] {
        guard !ended else { return [] }
        ended = true
        guard !overLimit else { return [] }
        var records: [RawRecord] = []
        if let head, head.isEventStream {
            records = parser.finish().map { record(for: $0, at: time) }
            if let error, !sawTerminal {
                records.append(closing(with: [.failed(Self.providerError(for: error))], at: time))
            } else if error == nil, !sawTerminal {
                let owed = decoder.finish()
                if !owed.isEmpty { records.append(closing(with: owed, at: time)) }
            }
        } else if let head {
            var events: [StreamEvent] = []
            if error == nil || error?.kind == .reset && !document.isEmpty {
                events = decoder.decodeDocument(
                    status: head.status, contentType: head.headers.value(for: "Content-Type"), body: document)
                    .map { located(explained($0, head: head)) }
            }
            // A reset that cut the document short is the news, not the JSON error it caused.
            if let error, events.isEmpty || events.contains(where: Self.isDecodingFailure) {
                let failure = StreamEvent.failed(Self.providerError(for: error))
                if document.isEmpty {
                    records.append(closing(with: [failure], at: time))
                } else {
                    sawTerminal = true
                    records.append(RawRecord(
                        kind: .document, offset: 0, receivedAt: documentStartedAt ?? time, bytes: document,
                        events: [failure]))
                }
            } else {
                records.append(RawRecord(
                    kind: .document, offset: 0, receivedAt: documentStartedAt ?? time, bytes: document,
                    events: events))
                sawTerminal = sawTerminal || events.contains(where: \.isTerminal)
            }
        } else {
            let failure = error.map(Self.providerError(for:))
                ?? ProviderError(kind: .transport, message: "The connection closed before any response arrived.")
            records.append(closing(with: [.failed(failure)], at: time))
        }
        return records
    }

    /// A failure to understand the bytes, with where they came from and what to check: most often the base
    /// URL or the provider kind does not fit the server, or a proxy in between answered.
    private func located(_ event: StreamEvent) -> StreamEvent {
        guard case .failed(var error) = event, error.kind == .decoding, error.endpoint == nil else { return event }
        error.endpoint = endpoint
        error.message += " Check that the base URL and the provider kind fit this server, and that no proxy in "
            + "between rewrites the reply (`parley lint` names what is odd about a saved stream)."
        return .failed(error)
    }

    /// `located` applied to each event; the usual events, which have no failure, are passed on as they are.
    private func locatedAll(_ events: [StreamEvent]) -> [StreamEvent] {
        // The tag is checked first, so the usual events are not copied to be looked at.
        for index in events.indices {
            if case .failed = events[index], Self.isDecodingFailure(events[index]) { return events.map(located) }
        }
        return events
    }

    private static func isDecodingFailure(_ event: StreamEvent) -> Bool {
        if case .failed(let error) = event { return error.kind == .decoding }
        return false
    }

    /// An HTTP error with what the head adds: where it came from, and when to try again (`Retry-After`).
    private func explained(_ event: StreamEvent, head: HTTPResponseHead) -> StreamEvent {
        guard case .failed(var error) = event, error.kind == .http else { return event }
        error.endpoint = error.endpoint ?? endpoint
        if let retry = head.headers.value(for: "Retry-After"), !retry.isEmpty { error.retryAfter = retry }
        return .failed(error)
    }

    /// The events a transport failure becomes, in words a user can act on.
    public static func providerError(for error: TransportError) -> ProviderError {
        switch error.kind {
        case .cancelled: return ProviderError(kind: .cancelled, message: error.message)
        case .reset: return ProviderError(kind: .interrupted, message: error.message)
        default: return ProviderError(kind: .transport, code: error.kind.rawValue, message: error.message)
        }
    }

    private mutating func record(for frame: SSEFrame, at time: Double) -> RawRecord {
        switch frame.kind {
        case .event(let event):
            guard !sawTerminal else {
                return RawRecord(
                    kind: .event, offset: frame.offset, receivedAt: time, bytes: frame.bytes, eventName: event.type,
                    events: [])
            }
            // The decoder first, on its own: a call that reads `self` while its argument mutates it would copy
            // the whole reader, and the decoder's storage with it, for every event.
            let decoded = decoder.decode(event)
            let events = locatedAll(decoded)
            sawTerminal = events.contains(where: \.isTerminal)
            return RawRecord(
                kind: .event, offset: frame.offset, receivedAt: time, bytes: frame.bytes,
                eventName: event.type, events: events)
        case .keepAlive:
            return RawRecord(
                kind: .keepAlive, offset: frame.offset, receivedAt: time, bytes: frame.bytes,
                events: sawTerminal ? [] : [.keepAlive])
        case .tail:
            return RawRecord(kind: .tail, offset: frame.offset, receivedAt: time, bytes: frame.bytes, events: [])
        }
    }

    private mutating func closing(with events: [StreamEvent], at time: Double) -> RawRecord {
        sawTerminal = sawTerminal || events.contains(where: \.isTerminal)
        return RawRecord(kind: .tail, offset: bytesReceived, receivedAt: time, bytes: [], events: events)
    }
}
