/// When each piece of a recording is delivered on replay: its original gap to the piece before, divided by the
/// speed, and never longer than `maxGap` seconds.
///
/// A recording is a file anyone can edit: a gap of `1e10` seconds would wait for ever and `1e300` cannot even
/// become a sleep, so the gaps are capped; the caller says which were, so the user knows the timing was changed.
public struct ReplayPacing: Sendable, Equatable {
    /// The slowest and fastest speeds `--speed` takes.
    public static let speeds: ClosedRange<Double> = 0.01...1000
    /// The longest wait between two pieces, in seconds, after the speed is applied.
    public static let defaultMaxGap = 60.0
    /// The values `--max-gap` takes.
    public static let maxGaps: ClosedRange<Double> = 0...3600

    /// A gap that was shortened: the piece it came before (0-based) and the wait the recording asked for.
    public struct Shortened: Sendable, Equatable {
        public var index: Int
        public var seconds: Double
    }

    /// Seconds from the start of the replay to each piece's delivery.
    public private(set) var deadlines: [Double] = []
    public private(set) var shortened: [Shortened] = []
    public let maxGap: Double

    /// Paces pieces that arrived `times` seconds after the request. A time that goes backwards counts as no gap;
    /// one that is not a finite number as the longest gap, and the next gap is measured from the last finite one.
    public init(times: [Double], speed: Double, maxGap: Double = Self.defaultMaxGap) {
        self.maxGap = maxGap
        var previous = 0.0
        var elapsed = 0.0
        for (index, time) in times.enumerated() {
            var wait = Double.infinity
            if time.isFinite {
                wait = max(0, time - previous) / speed
                previous = time
            }
            if !(wait <= maxGap) {
                shortened.append(Shortened(index: index, seconds: wait))
                wait = maxGap
            }
            elapsed += wait
            deadlines.append(elapsed)
        }
    }
}
