/// The time the app loop paces frames by; injected so tests decide when a frame is due.
public protocol FrameClock: Sendable {
    /// Time since a fixed point.
    func now() -> Duration
    /// Returns at `deadline`, or throws as soon as the calling task is cancelled.
    func sleep(until deadline: Duration) async throws
}

/// The real clock: `ContinuousClock`, which never jumps.
public struct ContinuousFrameClock: FrameClock {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    public init() {
        start = clock.now
    }

    public func now() -> Duration { start.duration(to: clock.now) }

    public func sleep(until deadline: Duration) async throws {
        try await clock.sleep(until: start.advanced(by: deadline))
    }
}
