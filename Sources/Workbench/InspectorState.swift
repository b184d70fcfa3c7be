import ChatModel
import TerminalUI

/// The inspector's tabs.
public enum InspectorTab: Int, Sendable, CaseIterable {
    case steps
    case citations
    case usage
    case raw
    case request
    case lint

    public var title: String {
        switch self {
        case .steps: return "Steps"
        case .citations: return "Citations"
        case .usage: return "Usage"
        case .raw: return "Raw"
        case .request: return "Request"
        case .lint: return "Lint"
        }
    }

    /// The digit that selects the tab: its place in the tab bar, from 1.
    var key: Key { .character(Character(String(rawValue + 1))) }

    /// The keys of all tabs for the status bar and help, such as `1-4`.
    static var keyLabel: String { "1-\(allCases.count)" }

    /// The tab titles as a sentence's list, such as `Steps, Citations, Usage or Raw`.
    static var titleList: String {
        let titles = allCases.map(\.title)
        return titles.dropLast().joined(separator: ", ") + (titles.count > 1 ? " or " : "") + (titles.last ?? "")
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
    /// Older raw records read back from the store around the selection.
    public var rawPage: RawPage?
    /// What the Raw tab's `/` filter keeps, and the records it matched.
    public var rawFilter = RawFilter()
    /// True while the raw filter is being typed.
    public var isFilteringRaw = false
    /// The selected step in the Steps tab; `nil` until one is chosen.
    public var stepSelection: Int?
    /// True while the selected step is shown whole.
    public var stepExpanded = false
    /// Where the Raw list and the Steps timeline stood when a click or the wheel chose their selection, so rows
    /// stay put under the pointer (`ListAnchor`); a selection moved by keys scrolls as before.
    public var rawAnchor: ListAnchor?
    public var stepAnchor: ListAnchor?
    /// The request of the inspected run, read back from the store for the Request tab.
    public var request: InspectedRequest?
    /// The run whose request was asked for; `requestAnswered` says whether the answer came.
    public var requestFor: String?
    public var requestAnswered = false
    /// The inspected run's lint findings for the Lint tab.
    public var lint = LintState()

    public init() {}
}

/// A run of raw records read back from the store: record `first + i` is `records[i]`.
public struct RawPage: Sendable, Equatable {
    public var runID: String
    public var first: Int
    public var records: [RawRecord]

    public init(runID: String, first: Int, records: [RawRecord]) {
        self.runID = runID
        self.first = first
        self.records = records
    }

    /// The records to read so that a selection at `index` and the rows around it are at hand.
    static func range(around index: Int, count: Int) -> Range<Int> {
        let start = max(0, index - size / 2)
        return start..<min(count, start + size)
    }

    static let size = 400
}

/// The Raw tab's record filter: its text and the kept records that match it, checked once each as they arrive.
public struct RawFilter: Sendable, Equatable {
    public var field: TextField
    /// Matching record numbers, ascending, of run `runID`.
    public var matches: [Int] = []
    /// Records before this number have been checked.
    public var checked = 0
    public var runID: String?

    public init(text: String = "") { field = TextField(text) }

    public var text: String { field.text }
    public var isActive: Bool { !field.isEmpty }

    /// The position of record `index` among the matches, or of the nearest match before it.
    func position(of index: Int) -> Int? {
        var low = 0
        var high = matches.count
        while low < high {
            let mid = (low + high) / 2
            if matches[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : (matches.isEmpty ? nil : 0)
    }
}
