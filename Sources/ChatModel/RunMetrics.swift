/// Timing and volume of one run, measured from its raw records.
///
/// All times are seconds since the request went out. Tokens per second come from the provider's usage
/// when it reports completion tokens, otherwise from the number of text deltas seen.
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
    public var largestGap = 0.0
    public var stalls = 0
    public var completionTokens: Int?
    /// When the latest byte arrived.
    public private(set) var lastArrival: Double?

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

    /// Tokens per second over the generating part of the run (first token to end).
    public var tokensPerSecond: Double? {
        guard let duration, let first = timeToFirstToken, duration > first else { return nil }
        let tokens = completionTokens ?? textDeltas
        guard tokens > 0 else { return nil }
        return Double(tokens) / (duration - first)
    }

    private mutating func noteArrival(at time: Double) {
        if let lastArrival {
            let gap = time - lastArrival
            if gap > largestGap { largestGap = gap }
            if gap > RunMetrics.stallThreshold { stalls += 1 }
        }
        lastArrival = time
    }
}
