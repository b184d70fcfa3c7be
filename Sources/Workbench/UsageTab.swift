import ChatModel
import TerminalUI

/// The Usage tab: timing, tokens, price and stream volume of the reply, from its usage and run metrics.
enum UsageTab {
    static func lines(_ state: AppState, width: Int, theme: Theme) -> [StyledLine] {
        guard let reply = state.inspectedReply else { return [StyledLine("No reply yet.", theme.style("dim"))] }
        let log = state.inspectedLog
        let usage = log?.reply.usage ?? reply.usage
        let metrics = log?.metrics
        var rows: [(String, String)] = []
        rows.append(("HTTP status", Format.count(log?.httpStatus)))
        rows.append(("First byte", Format.seconds(metrics?.timeToFirstByte)))
        rows.append(("First token", Format.seconds(metrics?.timeToFirstToken)))
        rows.append(("Duration", reply.status == .streaming ? "streaming…" : Format.seconds(metrics?.duration)))
        rows.append(("Prompt tokens", Format.count(usage?.promptTokens)))
        rows.append(("Completion", Format.count(usage?.completionTokens)))
        rows.append(("Total tokens", Format.count(usage?.totalTokens) + mismatchNote(usage)))
        if let price = usage?.totalPrice {
            rows.append(("Price", "\(price)" + (usage?.currency.map { " " + $0 } ?? "")))
        }
        if let pricing = usage?.pricing {
            if let prompt = Pricing.describe(pricing.promptPrice, unitPrice: pricing.promptUnitPrice, unit: pricing.promptPriceUnit) {
                rows.append(("Prompt price", prompt))
            }
            if let completion = Pricing.describe(
                pricing.completionPrice, unitPrice: pricing.completionUnitPrice, unit: pricing.completionPriceUnit) {
                rows.append(("Compl. price", completion))
            }
        }
        if let latency = usage?.latency { rows.append(("Server latency", Format.seconds(latency))) }
        rows.append(("Speed", speed(metrics)))
        rows.append(("Bytes", Format.count(metrics?.bytes)))
        rows.append(("Records", Format.count(metrics?.records)))
        rows.append(("Events", Format.count(metrics?.events)))
        rows.append(("Keep-alives", Format.count(metrics?.keepAlives)))
        rows.append(("Largest silence", metrics.map { Format.seconds($0.largestSilence) } ?? "—"))
        rows.append(("Content gap", metrics.map { Format.seconds($0.largestGap) } ?? "—"))
        rows.append(("Stalls > \(Int(RunMetrics.stallThreshold)) s", Format.count(metrics?.stalls)))
        if let reason = reply.finishReason { rows.append(("Finish", ControlSanitizer.sanitize(reason, keepNewlines: false))) }
        rows += SupportIDs.rows(state, reply: reply, log: log)
        let labelWidth = min(rows.map { DisplayWidth.of($0.0) }.max() ?? 0, max(4, width - 12))
        var out = rows.map { label, value in
            let padded = TextWrap.truncate(label, width: labelWidth).padding(toWidth: labelWidth)
            return StyledLine([Span(padded + "  ", theme.style("label")), Span(value, theme.style("value"))])
        }
        if let log, !log.arrivals.counts.isEmpty {
            out.append(StyledLine())
            out += ArrivalChart.lines(log.arrivals, width: width, theme: theme)
        }
        if log == nil {
            out.append(StyledLine())
            out += StyledLine.wrap("No stream log: this reply was not received in this session.", style: theme.style("dim"), width: width)
        }
        return out
    }

    /// Tokens per second, or why there is no such figure.
    static func speed(_ metrics: RunMetrics?) -> String {
        guard let metrics else { return "—" }
        if let rate = metrics.tokensPerSecond { return Format.rate(rate) }
        return "— (" + (metrics.tokensPerSecondAbsence ?? "unknown") + ")"
    }

    /// A note when the server's total is not prompt + completion (Dify 0.13 sends a smaller total): the figures
    /// are shown as sent, and the note says they do not add up.
    static func mismatchNote(_ usage: Usage?) -> String {
        guard let usage, let prompt = usage.promptTokens, let completion = usage.completionTokens,
              let total = usage.totalTokens, prompt + completion != total
        else { return "" }
        return ", not \(prompt) + \(completion) (as sent)"
    }
}

extension String {
    /// The string padded with spaces to a display width.
    func padding(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
    }
}
