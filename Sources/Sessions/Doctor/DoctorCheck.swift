import ChatModel

/// One line of `parley doctor`: what was checked, what was found, and what to do when it failed.
public struct DoctorCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case passed = "ok"
        case failed = "FAIL"
        /// Not checked: it cannot be, or an earlier check failed; never a failure by itself.
        case skipped = "skip"
    }

    /// What was checked, such as `terminal: TERM` or `profile work: authentication`.
    public var name: String
    public var outcome: Outcome
    /// What was found.
    public var detail: String
    /// What to do about a failure.
    public var fix: String?

    public init(_ name: String, _ outcome: Outcome, _ detail: String, fix: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
        self.fix = fix
    }

    /// The line as printed: outcome, name, what was found, and the fix after an arrow; control characters from
    /// servers or files are made visible.
    public var line: String {
        let tag = outcome.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
        var text = "\(tag)\(name): \(detail)"
        if let fix, outcome == .failed { text += " → " + fix }
        return ControlSanitizer.printable(text.replacingOccurrences(of: "\n", with: " "))
    }
}

extension Array where Element == DoctorCheck {
    /// True when no check failed (skipped checks do not count against it).
    public var allPassed: Bool { !contains { $0.outcome == .failed } }

    /// The closing line: how many checks failed, or that all passed.
    public var summary: String {
        let failed = filter { $0.outcome == .failed }.count
        let skipped = filter { $0.outcome == .skipped }.count
        let skippedText = skipped == 0 ? "" : ", \(skipped) skipped"
        return failed == 0
            ? "All checks passed (\(count - skipped) ok\(skippedText))."
            : "\(failed) of \(count) checks failed\(skippedText); each FAIL line says what to do."
    }
}
