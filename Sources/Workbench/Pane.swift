/// The focusable parts of the screen, in Tab order.
public enum Pane: String, Sendable, CaseIterable {
    case conversations
    case transcript
    case inspector
    case composer

    /// The pane Tab moves to.
    public var next: Pane {
        let all = Pane.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The pane Shift-Tab moves to.
    public var previous: Pane {
        let all = Pane.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}
