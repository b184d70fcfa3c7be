import ChatModel
import StreamTools

/// The Lint tab's actions: asking the worker to lint what arrived, taking its findings in, choosing a finding
/// and showing its record in the Raw tab.
extension AppState {
    /// Hands the worker the inspected run's records it has not seen, one request at a time. A finished run whose
    /// records are all in memory is linted whichever tab is shown (so the tab's title carries its count); a
    /// streaming one, or a long one whose older records must be read back from the store, only while the Lint
    /// tab is shown, so a hidden tab costs a stream, or browsing long stored replies, nothing.
    mutating func lintFollowUp() -> [Effect] {
        guard let log = inspectedLog, log.recordCount > 0 else { return [] }
        let runID = log.id.value
        if inspector.lint.runID != runID { inspector.lint = LintState(runID: runID) }
        let lint = inspector.lint
        let ended = log.reply.status != .streaming && activeRun?.messageID != log.reply.id
        guard !lint.pending, lint.requested < log.recordCount || (ended && !lint.complete),
              inspector.tab == .lint || (ended && log.firstKeptRecord == 0)
        else { return [] }
        let first = max(lint.requested, log.firstKeptRecord)
        let records = first < log.recordCount ? Array(log.records[(first - log.firstKeptRecord)...]) : []
        inspector.lint.requested = log.recordCount
        inspector.lint.pending = true
        return [.lint(LintRequest(runID: runID, provider: lintProtocol, first: first, records: records, ended: ended))]
    }

    /// The protocol the inspected reply's conversation speaks, when the linter knows it.
    var lintProtocol: String? {
        let kind = current.conversation.provider
        return Linter.protocols.contains(kind) ? kind : nil
    }

    /// Takes in the worker's findings, if they are still for the inspected run; while the reply streams, the
    /// rules that only say it has not ended are left out.
    mutating func lintFinished(_ result: LintResult) {
        guard result.runID == inspector.lint.runID else { return }
        var report = result.report
        if !result.ended { report.findings.removeAll { LintState.endRules.contains($0.rule.id) } }
        report.findings = report.findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
        inspector.lint.report = report
        inspector.lint.linted = result.records
        inspector.lint.pending = false
        inspector.lint.complete = result.ended && result.records == inspector.lint.requested
        inspector.lint.selection = min(inspector.lint.selection, max(0, report.findings.count - 1))
    }

    /// The Lint tab's title: with the number of findings once they are known for the inspected run.
    var lintTabTitle: String {
        guard let log = inspectedLog, inspector.lint.runID == log.id.value, let report = inspector.lint.report else {
            return InspectorTab.lint.title
        }
        return InspectorTab.lint.title + " \(report.findings.count)"
    }

    /// The inspector's tab titles as drawn, the Lint tab's with its count: the tab bar and the mouse's hit-test
    /// read the same list, so a click lands on the tab it is on.
    var inspectorTabTitles: [String] { InspectorTab.allCases.map { $0 == .lint ? lintTabTitle : $0.title } }

    /// Moves the selected finding.
    mutating func moveLintSelection(by delta: Int) -> [Effect] {
        let count = inspector.lint.findings.count
        guard count > 0 else { return [] }
        inspector.lint.selection = min(max(0, inspector.lint.selection + delta), count - 1)
        return []
    }

    /// The selected finding, when there is one.
    var selectedFinding: LintFinding? {
        let findings = inspector.lint.findings
        return findings.indices.contains(inspector.lint.selection) ? findings[inspector.lint.selection] : nil
    }

    /// Why Enter cannot show a finding's record now, or `nil` when it can.
    var findingUnavailableReason: String? {
        guard inspector.lint.report != nil else {
            return inspectedLog == nil ? "This reply has no stream log to lint." : "The findings are still being worked out."
        }
        return selectedFinding == nil ? "This stream has no findings." : nil
    }

    /// Shows the selected finding's record in the Raw tab, selected and open; a finding about the response
    /// head opens the Request tab instead. A raw filter that could hide the record is cleared.
    mutating func showFindingInRaw() -> [Effect] {
        guard let finding = selectedFinding, let log = inspectedLog else { return [] }
        guard let record = finding.record, record < log.recordCount else {
            selectTab(.request)
            notice = "\(finding.rule.id) is about the response head: see its headers here."
            return []
        }
        selectTab(.raw)
        inspector.rawFilter = RawFilter()
        inspector.isFilteringRaw = false
        inspector.rawSelection = record
        inspector.rawExpanded = true
        let place = finding.offset.map { " at byte \($0)" } ?? ""
        notice = "Record #\(record + 1): \(finding.rule.id)\(place)."
        guard inspectedRecord(at: record) == nil else { return [] }
        return [.loadRecords(runID: log.id.value, range: RawPage.range(around: record, count: log.recordCount))]
    }
}
