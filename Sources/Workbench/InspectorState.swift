/// The inspector's tabs.
public enum InspectorTab: Int, Sendable, CaseIterable {
    case steps
    case citations
    case usage
    case raw

    public var title: String {
        switch self {
        case .steps: return "Steps"
        case .citations: return "Citations"
        case .usage: return "Usage"
        case .raw: return "Raw"
        }
    }
}

/// The inspector's own state: the tab, the selected raw record and whether it is expanded.
public struct InspectorState: Sendable, Equatable {
    public var tab = InspectorTab.steps
    /// The selected raw record; `nil` follows the newest one.
    public var rawSelection: Int?
    public var rawExpanded = false
    /// Lines scrolled in the Steps and Citations tabs.
    public var scroll = 0

    public init() {}
}
