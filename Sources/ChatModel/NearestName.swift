/// The known name closest to a mistyped one, for "did you mean …?" in error messages.
///
/// Closeness is the edit distance (insertions, deletions, substitutions and swaps of neighbours, ignoring
/// case); a name is only suggested when it is close enough to be a plausible typo of what was written.
public enum NearestName {
    /// The closest of `known` to `name`, or `nil` when none is within about a third of the name's length.
    public static func suggestion(for name: String, among known: [String]) -> String? {
        let wanted = Array(name.lowercased())
        let limit = max(1, (wanted.count + 2) / 3)
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(wanted, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// ` (did you mean model?)`, or an empty string when nothing is close.
    public static func hint(for name: String, among known: [String]) -> String {
        suggestion(for: name, among: known).map { " (did you mean \($0)?)" } ?? ""
    }

    /// The optimal string alignment distance between two strings.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
