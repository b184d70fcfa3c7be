import Foundation

/// Number formatting shared by the inspector tabs, fixed so snapshots do not depend on the locale.
enum Format {
    /// Seconds with millisecond precision, or `—` when unknown.
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.3f s", value)
    }

    /// A record's arrival time as `+0.123s`.
    static func offset(_ value: Double) -> String { String(format: "+%.3fs", value) }

    static func count(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    static func rate(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f tok/s", value)
    }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension Format {
    /// A size in bytes as `512B`, `1.5K` or `2.0M`.
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count)B" }
        if count < 1024 * 1024 { return String(format: "%.1fK", Double(count) / 1024) }
        return String(format: "%.1fM", Double(count) / 1024 / 1024)
    }
}
