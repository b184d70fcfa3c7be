/// Splits a rectangle into columns or rows by constraints.
///
/// Panes are sized here so that the screen keeps its shape at any terminal size: fixed parts first, then
/// percentages, and whatever remains goes to the `fill` parts.
public enum Layout {
    /// How much of the split one part takes.
    public enum Constraint: Sendable, Hashable {
        case fixed(Int)
        case percent(Int)
        /// An equal share of whatever the fixed and percentage parts left.
        case fill
    }

    /// Side-by-side columns.
    public static func columns(_ rect: Rect, _ constraints: [Constraint]) -> [Rect] {
        let sizes = sizes(total: rect.width, constraints)
        var x = rect.x
        return sizes.map { width in
            defer { x += width }
            return Rect(x: x, y: rect.y, width: width, height: rect.height)
        }
    }

    /// Stacked rows.
    public static func rows(_ rect: Rect, _ constraints: [Constraint]) -> [Rect] {
        let sizes = sizes(total: rect.height, constraints)
        var y = rect.y
        return sizes.map { height in
            defer { y += height }
            return Rect(x: rect.x, y: y, width: rect.width, height: height)
        }
    }

    /// The length of each part; they never add up to more than `total`.
    static func sizes(total: Int, _ constraints: [Constraint]) -> [Int] {
        var remaining = max(0, total)
        var sizes = Array(repeating: 0, count: constraints.count)
        for (i, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n): sizes[i] = min(max(0, n), remaining)
            case .percent(let p): sizes[i] = min(total * max(0, p) / 100, remaining)
            case .fill: continue
            }
            remaining -= sizes[i]
        }
        let fills = constraints.indices.filter { if case .fill = constraints[$0] { return true } else { return false } }
        guard !fills.isEmpty else { return sizes }
        let share = remaining / fills.count
        var extra = remaining - share * fills.count
        for i in fills {
            sizes[i] = share + (extra > 0 ? 1 : 0)
            extra -= 1
        }
        return sizes
    }
}
