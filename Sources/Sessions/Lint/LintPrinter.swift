import ChatModel
import Foundation
import StreamTools

/// Writes lint findings for a person (aligned lines with the reason) or for a script (one JSON line each).
public enum LintPrinter {
    /// The findings of one stream as text: a heading, one line per finding with its reason below, a summary.
    public static func text(_ report: LintReport, label: String) -> String {
        var lines = ["\(label): \(report.records) records, \(report.bytes) bytes, checked as \(report.protocolName)"]
        for finding in report.findings {
            let times = finding.count > 1 ? " (×\(finding.count))" : ""
            lines.append("  \(place(finding))  \(finding.severity.rawValue) \(finding.rule.id)\(times): \(finding.message)")
            lines.append("      why: \(finding.rule.why)")
        }
        lines.append("  " + summary(report))
        return lines.map { ControlSanitizer.printable($0) + "\n" }.joined()
    }

    /// `2 errors, 1 warning, 3 notes`, or `no findings`.
    public static func summary(_ report: LintReport) -> String {
        guard !report.findings.isEmpty else { return "no findings" }
        return LintSeverity.allCases.map { severity in
            let count = report.count(severity)
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }.joined(separator: ", ")
    }

    /// One JSON line per finding: `source`, `rule`, `severity`, `record`, `offset`, `count`, `message`, `why`.
    public static func jsonLines(_ report: LintReport, label: String) -> String {
        report.findings.map { finding in
            var line = JSONLine()
            line.set("source", label)
            line.set("rule", finding.rule.id)
            line.set("severity", finding.severity.rawValue)
            line.set("record", finding.record)
            line.set("offset", finding.offset)
            line.set("count", finding.count)
            line.set("message", finding.message)
            line.set("why", finding.rule.why)
            return line.text + "\n"
        }.joined()
    }

    /// Every rule with its severity and reason, for `parley lint --rules`.
    public static func rules() -> String {
        let width = LintRule.all.map(\.id.count).max() ?? 0
        return LintRule.all.map { rule in
            rule.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + rule.why + "\n"
        }.joined()
    }

    private static func place(_ finding: LintFinding) -> String {
        guard let record = finding.record, let offset = finding.offset else { return "head" }
        return "record \(record) @\(offset)"
    }
}
