/// The cells a terminal must write to turn the previous frame into the next one.
///
/// A pure function of two grids, so what reaches the terminal is decided (and tested) without one; the curses
/// renderer writes exactly these cells. A continuation cell is never written on its own: the double-width
/// cluster to its left covers both columns, and is written whenever it changes.
public struct GridDiff: Sendable, Equatable {
    /// One cell to write, at its column and row.
    public struct Write: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cell: Cell

        public init(x: Int, y: Int, cell: Cell) {
            self.x = x
            self.y = y
            self.cell = cell
        }
    }

    /// True when the screen is cleared and drawn whole: there is no previous frame, or its size differs.
    public let redrawsAll: Bool
    /// The cells to write, row by row, left to right.
    public let writes: [Write]

    public init(from previous: Grid?, to next: Grid) {
        let kept = previous.flatMap { $0.size == next.size ? $0 : nil }
        let columns = next.size.columns
        var writes: [Write] = []
        for (index, cell) in next.cells.enumerated() where !cell.isContinuation {
            if let kept, kept.cells[index] == cell { continue }
            writes.append(Write(x: index % columns, y: index / columns, cell: cell))
        }
        redrawsAll = kept == nil
        self.writes = writes
    }
}
