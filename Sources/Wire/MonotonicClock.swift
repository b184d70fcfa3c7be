import Foundation

/// Seconds on a clock that never jumps, for the curl loop's idle deadlines.
enum MonotonicClock {
    static func now() -> Double { ProcessInfo.processInfo.systemUptime }
}
