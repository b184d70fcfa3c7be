import Foundation

/// A size in bytes as people write it in a config file or a flag: `16M`, `64 MiB`, `512k`, `1G`, `1048576`.
///
/// K, M and G (with or without a trailing `B` or `iB`, in any case) are powers of 1024, as memory is counted.
public enum ByteSize {
    /// The bytes `text` names, or `nil` when it is not a whole number with an optional unit, or is below one
    /// byte or above 1 TiB.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let shifts: [String: Int] = [
            "": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20, "g": 30, "gb": 30, "gib": 30,
        ]
        guard let shift = shifts[unit], number > 0, number <= (1 << 40) >> shift else { return nil }
        return number << shift
    }

    /// The error for a size that does not parse, naming where it came from (`--max-event-size`, a config key).
    public static func problem(_ text: String, in place: String) -> String {
        "\(place) must be a size such as 16M, 512K or 1G (got \"\(text)\")."
    }
}
