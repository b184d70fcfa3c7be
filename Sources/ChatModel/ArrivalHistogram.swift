/// How many records arrived in each stretch of a run, for a chart of pauses and bursts.
///
/// Fixed memory however long the run: a bounded number of equal buckets whose width doubles (neighbours are
/// merged) when a record arrives past the last one.
public struct ArrivalHistogram: Sendable, Equatable {
    /// Records per bucket; bucket `i` covers `i * width ..< (i + 1) * width` seconds after the request.
    public private(set) var counts: [Int] = []
    public private(set) var width: Double
    public static let maximumBuckets = 64

    public init(width: Double = 0.05) { self.width = width }

    /// Counts one record received `time` seconds after the request.
    public mutating func note(_ time: Double) {
        guard time.isFinite else { return }
        var index = Int(max(0, time) / width)
        while index >= Self.maximumBuckets {
            counts = stride(from: 0, to: counts.count, by: 2).map {
                counts[$0] + ($0 + 1 < counts.count ? counts[$0 + 1] : 0)
            }
            width *= 2
            index = Int(max(0, time) / width)
        }
        if index >= counts.count { counts += Array(repeating: 0, count: index + 1 - counts.count) }
        counts[index] += 1
    }
}

/// When a step was first and last seen in a stream (seconds after the request), for its duration.
public struct StepTiming: Sendable, Equatable {
    public var firstSeen: Double
    public var lastSeen: Double

    public init(firstSeen: Double, lastSeen: Double) {
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    public var duration: Double { lastSeen - firstSeen }
}
