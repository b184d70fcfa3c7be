/// A mouse button or wheel event at a cell, as the terminal reported it.
///
/// Only what the workbench acts on is kept: a press of the left button and a notch of the wheel. Columns
/// and rows count from 0 at the top-left, like `Rect`.
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The left button went down (or clicked): focus and select what is under the pointer.
        case press
        /// One notch of the wheel away from the user: scroll back.
        case wheelUp
        /// One notch of the wheel towards the user: scroll on.
        case wheelDown
    }

    public var action: Action
    public var column: Int
    public var row: Int

    public init(_ action: Action, column: Int, row: Int) {
        self.action = action
        self.column = column
        self.row = row
    }
}
