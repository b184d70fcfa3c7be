/// The bottom line: key hints on the left, state on the right.
public struct StatusBar: Sendable {
    /// A key and what it does now; `available` false draws it dimmed.
    public struct Hint: Sendable, Equatable {
        public var key: String
        public var text: String
        public var available: Bool

        public init(key: String, text: String, available: Bool = true) {
            self.key = key
            self.text = text
            self.available = available
        }
    }

    public var hints: [Hint]
    public var right: String

    public init(hints: [Hint], right: String) {
        self.hints = hints
        self.right = right
    }

    /// Draws the bar on one row; hints that do not fit before the right text are dropped whole, except the
    /// first, which is cut to fit.
    public func draw(into grid: inout Grid, _ rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        let status = theme.style("status")
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: status)
        let rightText = TextWrap.truncate(right, width: max(0, rect.width * 2 / 3))
        let rightX = rect.maxX - DisplayWidth.of(rightText) - 1
        grid.write(rightText, x: rightX, y: rect.y, maxX: rect.maxX, style: status)
        var x = rect.x + 1
        for (index, hint) in hints.enumerated() {
            var text = hint.text
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(text) + 2
            if x + width > rightX {
                // The first hint is a notice the user must see: cut to fit rather than dropped.
                let room = rightX - x - DisplayWidth.of(hint.key) - 3
                guard index == 0, room >= 10 else { break }
                text = TextWrap.truncate(text, width: room)
            }
            let keyStyle = hint.available ? theme.style("status.key") : status.adding(.dim)
            let textStyle = hint.available ? status : status.adding(.dim)
            x = grid.write(hint.key, x: x, y: rect.y, style: keyStyle)
            x = grid.write(" " + text + "  ", x: x, y: rect.y, style: textStyle)
        }
    }
}
