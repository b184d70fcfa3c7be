import ChatModel
import StreamTools

/// The Lint tab's state: the findings of the inspected run, how far they reach, and the selected finding.
///
/// Lint runs off the screen thread (`Effect.lint`): the reducer hands over only the records that arrived since
/// the last request, the app's worker keeps the run's body and lints it again, and one request is on its way
/// at a time, so a frame never costs more as a reply grows.
public struct LintState: Sendable, Equatable {
    /// The run the findings belong to (`RunLog.id`).
    public var runID: String?
    /// The findings so far, worst first; `nil` until the first answer.
    public var report: LintReport?
    /// How many records the report covers.
    public var linted = 0
    /// True when the report covers the whole run after it ended.
    public var complete = false
    /// Records handed to the worker so far.
    public var requested = 0
    /// True while a request is on its way.
    public var pending = false
    /// The selected finding, as a row of `findings`.
    public var selection = 0

    public init(runID: String? = nil) { self.runID = runID }

    /// The findings worst first (errors, then warnings, then notes), each severity in stream order.
    public var findings: [LintFinding] { report?.findings ?? [] }

    /// Rules that only say a stream has not ended yet; left out while the reply still streams.
    public static let endRules: Set<String> = [
        LintRule.endMissing.id, LintRule.doneMissing.id, LintRule.finishReasonMissing.id, LintRule.usageMissing.id,
        LintRule.unterminated.id, LintRule.empty.id,
    ]
}

/// What the worker is asked to lint: the records of run `runID` from number `first` on (those it has not seen).
public struct LintRequest: Sendable, Equatable {
    public var runID: String
    /// The protocol to check against (a provider kind the linter knows), or `nil` to guess.
    public var provider: String?
    /// The number of the first record carried; the worker reads older ones from the store when it lacks them.
    public var first: Int
    public var records: [RawRecord]
    /// True when the run has ended, so a missing end marker is a finding.
    public var ended: Bool

    public init(runID: String, provider: String?, first: Int, records: [RawRecord], ended: Bool) {
        self.runID = runID
        self.provider = provider
        self.first = first
        self.records = records
        self.ended = ended
    }

    /// How many records the run has once these are added.
    public var total: Int { first + records.count }
}

/// The worker's answer: the findings for the first `records` records of run `runID`.
public struct LintResult: Sendable, Equatable {
    public var runID: String
    public var records: Int
    public var ended: Bool
    public var report: LintReport

    public init(runID: String, records: Int, ended: Bool, report: LintReport) {
        self.runID = runID
        self.records = records
        self.ended = ended
        self.report = report
    }
}
