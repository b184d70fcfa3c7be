import TerminalUI

/// The first row a list showed when the mouse chose its selected row.
///
/// Lists in the inspector are drawn from their selection alone (the selection kept in view), so a click on a
/// row above the bottom would scroll that row to the bottom, and a second click would land on another row. The
/// anchor keeps the rows where they were for as long as the selection is the row it was made for.
public struct ListAnchor: Sendable, Equatable {
    public var row: Int
    public var offset: Int

    public init(row: Int, offset: Int) {
        self.row = row
        self.offset = offset
    }

    /// The offset to start from for a list whose selected row is `selected`: the anchor's while it still
    /// holds, else the top (the selection is then scrolled into view as usual).
    func previous(for selected: Int?) -> Int { selected == row ? offset : 0 }
}

extension StepsTab {
    /// The first timeline row shown in a view `height` rows high.
    static func timelineOffset(_ state: AppState, count: Int, height: Int) -> Int {
        let selected = state.inspector.stepSelection.map { min($0, count - 1) } ?? count - 1
        return ListView.offset(selected: selected, count: count, height: height,
                               previous: state.inspector.stepAnchor?.previous(for: selected) ?? 0)
    }
}
