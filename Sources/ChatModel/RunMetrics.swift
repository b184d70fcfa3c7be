/// Timing and volume of one run, measured from its raw records.
///
/// All times are seconds since the request went out. Keep-alives are traffic but not content: a silence is time
/// with no byte at all (the wait before the first byte included), a gap is time between records that carried
/// content, and stalls are counted on content. Tokens per second need the server's token count.
public struct RunMetrics: Sendable, Equatable {
    /// A gap between chunks longer than this counts as a stall.
    public static let stallThreshold = 2.0

    public var timeToFirstByte: Double?
    public var timeToFirstToken: Double?
    public var duration: Double?
    public var bytes = 0
    public var records = 0
    public var events = 0
    public var keepAlives = 0
    public var textDeltas = 0
    /// The longest time between two records that carried content (text, reasoning, steps, tool calls,
    /// citations, files).
    public var largestGap = 0.0
    /// The longest time with no byte at all, from the request on: a server that sends nothing, headers
    /// included, while its model thinks (Dify behind gunicorn) is silent.
    public var largestSilence = 0.0
    /// Gaps between content longer than `stallThreshold`.
    public var stalls = 0
    public var completionTokens: Int?
    /// When the latest byte arrived.
    public private(set) var lastArrival: Double?
    /// When the latest content arrived.
    public private(set) var lastContent: Double?

    public init() {}

    /// Notes the response head arriving.
    public mutating func noteHead(at time: Double) {
        if timeToFirstByte == nil { timeToFirstByte = time }
        noteArrival(at: time)
    }

    /// Folds one record into the figures.
    public mutating func note(_ record: RawRecord) {
        if !record.bytes.isEmpty {
            if timeToFirstByte == nil { timeToFirstByte = record.receivedAt }
            noteArrival(at: record.receivedAt)
        }
        bytes += record.bytes.count
        records += 1
        if record.events.contains(where: \.isContent) { noteContent(at: record.receivedAt) }
        for event in record.events {
            events += 1
            switch event {
            case .text, .reasoning, .replaced:
                if timeToFirstToken == nil { timeToFirstToken = record.receivedAt }
                if case .text = event { textDeltas += 1 }
            case .keepAlive:
                keepAlives += 1
            case .usage(let usage):
                completionTokens = usage.completionTokens ?? completionTokens
            default:
                break
            }
        }
    }

    /// Marks the run ended.
    public mutating func finish(at time: Double) {
        duration = time
    }

    /// Tokens per second over the generating part of the run (first token to end), from the server's count of
    /// completion tokens; `nil` when it cannot be known, and `tokensPerSecondAbsence` says why.
    public var tokensPerSecond: Double? {
        guard tokensPerSecondAbsence == nil, let completionTokens, let duration, let first = timeToFirstToken else {
            return nil
        }
        return Double(completionTokens) / (duration - first)
    }

    /// Why there is no tokens-per-second figure, or `nil` when there is one.
    public var tokensPerSecondAbsence: String? {
        guard let completionTokens else { return "the server sent no token count" }
        guard completionTokens > 0, let first = timeToFirstToken else { return "no tokens arrived" }
        guard let duration else { return "the reply is still arriving" }
        return duration > first ? nil : "the reply came in one piece"
    }

    private mutating func noteArrival(at time: Double) {
        let silence = time - (lastArrival ?? 0)
        if silence > largestSilence { largestSilence = silence }
        lastArrival = time
    }

    private mutating func noteContent(at time: Double) {
        if let lastContent {
            let gap = time - lastContent
            if gap > largestGap { largestGap = gap }
            if gap > RunMetrics.stallThreshold { stalls += 1 }
        }
        lastContent = time
    }
}

extension StreamEvent {
    /// True for what a reader sees: text, reasoning, steps, tool calls, citations, files.
    var isContent: Bool {
        switch self {
        case .text, .replaced, .reasoning, .step, .toolCallDelta, .citations, .file: return true
        case .opened, .usage, .keepAlive, .finished, .failed: return false
        }
    }
}
