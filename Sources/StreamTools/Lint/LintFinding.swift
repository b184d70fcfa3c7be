/// How much a finding matters to a client reading the stream.
public enum LintSeverity: String, Sendable, Comparable, CaseIterable {
    /// A client following the rules loses or misreads something.
    case error
    /// Within the rules or common practice, but known to break real clients.
    case warning
    /// Worth knowing when reading the stream; nothing is wrong.
    case note

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .note: return 2
        }
    }

    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing the linter noticed about a stream: which rule, where it first happened, how often, and why it
/// matters.
///
/// Repeats of a rule are folded into one finding (its first place and a count), so a stream with CRLF on every
/// line reads as one line, not a thousand.
public struct LintFinding: Sendable, Equatable {
    public var rule: LintRule
    /// The record (0-based, as the SSE parser cuts the body; the inspector's raw records) where it first
    /// happened, or `nil` for the response head.
    public var record: Int?
    /// The byte offset in the body where it first happened, or `nil` for the response head.
    public var offset: Int?
    /// How many times it happened.
    public var count: Int
    /// What happened, in the stream's own terms.
    public var message: String

    public init(rule: LintRule, record: Int?, offset: Int?, count: Int = 1, message: String) {
        self.rule = rule
        self.record = record
        self.offset = offset
        self.count = count
        self.message = message
    }

    public var severity: LintSeverity { rule.severity }
}

/// The findings of one stream, in stream order, with the figures a summary needs.
public struct LintReport: Sendable, Equatable {
    public var findings: [LintFinding]
    /// How many records the body was cut into.
    public var records: Int
    /// The body's length in bytes.
    public var bytes: Int
    /// The protocol the events were checked against (a provider kind, `sse`, or `document` for a body that is
    /// not an event stream).
    public var protocolName: String

    public init(findings: [LintFinding], records: Int, bytes: Int, protocolName: String) {
        self.findings = findings
        self.records = records
        self.bytes = bytes
        self.protocolName = protocolName
    }

    /// True when a finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The rule ids found, in stream order, each once.
    public var ruleIDs: [String] {
        var seen = Set<String>()
        return findings.map(\.rule.id).filter { seen.insert($0).inserted }
    }

    /// How many findings have `severity`.
    public func count(_ severity: LintSeverity) -> Int { findings.filter { $0.severity == severity }.count }
}
