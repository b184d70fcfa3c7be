import Foundation

/// One printed line of the end-to-end benchmark: what was measured, its value, and the target it must meet.
///
/// Each figure is printed as soon as it is known, one per line, with the target and PASS or MISS beside it,
/// so a reader sees the result without reading code and a partial run still shows what it measured.
struct Figure {
    var scenario: String
    var client: String
    var measure: String
    var value: String
    /// The goal, such as "< 100 MB", and whether the value met it; nil when no target applies.
    var target: (goal: String, met: Bool)?

    var line: String {
        let base = scenario.padding(toLength: 14, withPad: " ", startingAt: 0)
            + client.padding(toLength: 24, withPad: " ", startingAt: 0)
            + measure.padding(toLength: 30, withPad: " ", startingAt: 0)
            + value
        guard let target else { return base }
        return base.padding(toLength: max(base.count, 112), withPad: " ", startingAt: 0)
            + "  target \(target.goal): \(target.met ? "PASS" : "MISS")"
    }

    func print() {
        Swift.print(line)
        fflush(nil)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }

    static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value * 1000) }

    static func bytes(_ count: Int) -> String {
        count < 10_000 ? "\(count) B" : count < 10 << 20 ? String(format: "%.1f KB", Double(count) / 1024) : megabytes(count)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.2f GB", Double(bytes) / Double(1 << 30)) : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}

/// A failure of the benchmark harness itself, such as a missing binary or a socket that would not open.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
