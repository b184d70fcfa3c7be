/// Silences and keep-alives over time; runs only when the input has arrival times.
enum TimingRules {
    static func check(_ stream: LintStream, timed: Bool, threshold: Double, _ findings: inout FindingCollector) {
        let keepAlives = stream.records.filter { if case .keepAlive = $0.kind { true } else { false } }
        if timed { checkGaps(stream, threshold: threshold, &findings) }
        guard let first = keepAlives.first else { return }
        var message = "\(keepAlives.count) keep-alive\(keepAlives.count == 1 ? "" : "s") (comments or data-less blocks)"
        if timed, keepAlives.count > 1 {
            let intervals = zip(keepAlives.dropFirst(), keepAlives).map { $0.time - $1.time }.sorted()
            let median = intervals[intervals.count / 2]
            let shortest = seconds(intervals.first!)
            let longest = seconds(intervals.last!)
            message += shortest == longest
                ? ", every \(shortest)"
                : ", every \(shortest.dropLast(2))–\(longest) (median \(seconds(median)))"
        }
        findings.summary(.keepAliveCadence, record: first.index, offset: first.offset, message + "; the first is here.")
    }

    private static func checkGaps(_ stream: LintStream, threshold: Double, _ findings: inout FindingCollector) {
        var previous = 0.0
        var longest: (record: LintStream.Record, silence: Double)?
        var count = 0
        for record in stream.records {
            let silence = record.time - previous
            if silence > threshold {
                count += 1
                if longest == nil || silence > longest!.silence { longest = (record, silence) }
            }
            previous = record.time
        }
        guard let longest else { return }
        findings.summary(
            .gap, record: longest.record.index, offset: longest.record.offset,
            "\(count == 1 ? "A silence" : "\(count) silences") over \(seconds(threshold)); the longest, "
                + "\(seconds(longest.silence)), ends here.")
    }

    /// Seconds with one decimal: `10.0 s`.
    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
