/// Gathers findings, folding repeats of a rule into its first finding with a count.
public struct FindingCollector: Sendable {
    private var findings: [LintFinding] = []
    private var byRule: [String: Int] = [:]

    public init() {}

    /// Notes that `rule` was broken at `record` and `offset`; a repeat only counts.
    public mutating func add(_ rule: LintRule, record: Int?, offset: Int?, _ message: @autoclosure () -> String) {
        if let i = byRule[rule.id] {
            findings[i].count += 1
            return
        }
        byRule[rule.id] = findings.count
        findings.append(LintFinding(rule: rule, record: record, offset: offset, message: message()))
    }

    /// Notes a finding at a record's start.
    public mutating func add(_ rule: LintRule, at record: LintStream.Record, _ message: @autoclosure () -> String) {
        add(rule, record: record.index, offset: record.offset, message())
    }

    /// Notes a finding whose message says how often it happened itself (one finding, count 1).
    public mutating func summary(_ rule: LintRule, record: Int?, offset: Int?, _ message: String) {
        guard byRule[rule.id] == nil else { return }
        byRule[rule.id] = findings.count
        findings.append(LintFinding(rule: rule, record: record, offset: offset, message: message))
    }

    /// The findings, the head's first, then by place in the stream.
    public var sorted: [LintFinding] {
        findings.enumerated().sorted { a, b in
            let l = a.element.offset ?? -1
            let r = b.element.offset ?? -1
            return l != r ? l < r : a.offset < b.offset
        }.map(\.element)
    }
}
