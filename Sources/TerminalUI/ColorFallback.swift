/// How a theme's colour is drawn on a terminal with fewer colours than the theme names.
///
/// Themes may name any of 256 colours; a terminal that declares 16 (or 8) would otherwise wrap the index and
/// draw an unrelated colour. Each colour is taken to the nearest one the terminal has, by the RGB values of
/// xterm's palette; on 8 colours a bright foreground is drawn bold (the classic bright), and the grey
/// `bright-black` as the default foreground, dimmed, so dim text stays readable on dark and light screens.
public enum ColorFallback {
    /// The colour to draw for `color` on a terminal with `available` colours, and the attributes it needs.
    public static func resolve(_ color: Color, available: Int, foreground: Bool) -> (color: Color, adding: Attributes) {
        guard case .indexed(let index) = color, available < 256 else { return (color, []) }
        guard available >= 8 else { return (.default, []) }
        let sixteen = index < 16 ? index : nearest(to: rgb(of: index), among: 0..<16)
        if available >= 16 || sixteen < 8 { return (.indexed(sixteen), []) }
        if sixteen == 8 { return foreground ? (.default, .dim) : (.black, []) }
        return (.indexed(sixteen - 8), foreground ? .bold : [])
    }

    /// The palette index in `candidates` closest to `target`, weighting green most as the eye does.
    static func nearest(to target: (Int, Int, Int), among candidates: Range<UInt8>) -> UInt8 {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let (r, g, b) = rgb(of: index)
            let distance = 2 * (r - target.0) * (r - target.0) + 4 * (g - target.1) * (g - target.1)
                + 3 * (b - target.2) * (b - target.2)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// The RGB value xterm gives a palette index: 16 named colours, a 6×6×6 cube, then 24 greys.
    static func rgb(of index: UInt8) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return named[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return (level[cube / 36], level[cube / 6 % 6], level[cube % 6])
        default:
            let grey = 8 + 10 * (Int(index) - 232)
            return (grey, grey, grey)
        }
    }

    private static let level = [0, 95, 135, 175, 215, 255]
    private static let named = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
}
