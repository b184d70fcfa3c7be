import CNcursesw
import TerminalUI

/// Draws grids with curses, writing only the cells that changed since the last frame (see `GridDiff`).
///
/// Lives on the curses thread. Colour pairs are allocated as styles first appear; on a terminal with fewer
/// than 256 colours each colour is drawn as its nearest (`ColorFallback`).
struct CursesRenderer {
    private var last: Grid?
    private var pairs: [PairKey: Int16] = [:]
    /// Each style as curses draws it: attributes and colour pair, worked out once per style.
    private var drawn: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private let hasColors: Bool
    private let available: Int

    private struct PairKey: Hashable {
        var foreground: Color
        var background: Color
    }

    init(hasColors: Bool) {
        self.hasColors = hasColors
        available = hasColors ? Int(parley_colors()) : 0
    }

    /// Forgets the previous frame so the next one is drawn whole (after a resize).
    mutating func invalidate() {
        last = nil
    }

    /// Clears the terminal and draws the last frame again whole (after another program used the screen).
    mutating func redrawAll() {
        clearok(parley_stdscr(), true)
        guard let grid = last else {
            doupdate()
            return
        }
        last = nil
        draw(grid)
    }

    /// Draws the frame: the cells `GridDiff` says changed, then one `doupdate`.
    mutating func draw(_ grid: Grid) {
        let diff = GridDiff(from: last, to: grid)
        if diff.redrawsAll { werase(parley_stdscr()) }
        for write in diff.writes { put(write.cell, x: Int32(write.x), y: Int32(write.y)) }
        if let cursor = grid.cursor {
            curs_set(1)
            wmove(parley_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(parley_stdscr())
        doupdate()
        last = grid
    }

    private mutating func put(_ cell: Cell, x: Int32, y: Int32) {
        var chars = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        chars.append(0)
        let (attributes, pair) = look(of: cell.style)
        if parley_put_cell(y, x, chars, attributes, pair) == ERR, chars.count > 2 {
            let single = [chars[0], 0]
            _ = parley_put_cell(y, x, single, attributes, pair)
        }
    }

    /// The attributes and colour pair that draw `style` on this terminal.
    private mutating func look(of style: Style) -> (attributes: attr_t, pair: Int16) {
        if let known = drawn[style] { return known }
        var extra: Attributes = []
        var resolved = style
        if hasColors {
            let foreground = ColorFallback.resolve(style.foreground, available: available, foreground: true)
            let background = ColorFallback.resolve(style.background, available: available, foreground: false)
            resolved.foreground = foreground.color
            resolved.background = background.color
            extra = foreground.adding.union(background.adding)
        }
        let look = (attributes(style.attributes.union(extra)), pair(for: resolved))
        drawn[style] = look
        return look
    }

    private func attributes(_ attributes: Attributes) -> attr_t {
        var value = parley_a_normal()
        if attributes.contains(.bold) { value |= parley_a_bold() }
        if attributes.contains(.dim) { value |= parley_a_dim() }
        if attributes.contains(.italic) { value |= parley_a_italic() }
        if attributes.contains(.underline) { value |= parley_a_underline() }
        if attributes.contains(.reverse) { value |= parley_a_reverse() }
        return value
    }

    private mutating func pair(for style: Style) -> Int16 {
        guard hasColors else { return 0 }
        let key = PairKey(foreground: style.foreground, background: style.background)
        if key.foreground == .default, key.background == .default { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < parley_color_pairs() else { return 0 }
        init_pair(next, color(key.foreground), color(key.background))
        pairs[key] = next
        return next
    }

    private func color(_ color: Color) -> Int16 {
        switch color {
        case .default: return -1
        case .indexed(let n): return Int16(n)
        }
    }
}
