import ChatModel

/// Two runs side by side: timing, volume, tokens, price, how each ended, their steps, and a word diff of the
/// texts.
///
/// Pure: the rows are strings ready to print, with the change from A to B where a figure is a number, so the
/// command line and a later workbench view show the same comparison.
public struct RunComparison: Sendable, Equatable {
    /// One compared figure.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var a: String
        public var b: String
        /// B minus A, for numeric figures that differ (`+0.120 s`, `-3`).
        public var change: String?

        public init(name: String, a: String, b: String, change: String? = nil) {
            self.name = name
            self.a = a
            self.b = b
            self.change = change
        }

        public var differs: Bool { a != b }
    }

    public var a: ComparedRun
    public var b: ComparedRun
    public var rows: [Row]
    public var textDiff: WordDiff
    public var reasoningDiff: WordDiff?

    public init(_ a: ComparedRun, _ b: ComparedRun) {
        self.a = a
        self.b = b
        textDiff = WordDiff(a.reply.text, b.reply.text)
        reasoningDiff = a.reply.reasoning.isEmpty && b.reply.reasoning.isEmpty
            ? nil : WordDiff(a.reply.reasoning, b.reply.reasoning)
        let (ma, mb) = (a.metrics, b.metrics)
        rows = [
            Row(name: "provider", a: a.provider, b: b.provider),
            Row(name: "model", a: a.model ?? "-", b: b.model ?? "-"),
            Row(name: "HTTP status", a: a.httpStatus.map(String.init) ?? "-", b: b.httpStatus.map(String.init) ?? "-"),
            Self.seconds("first byte", ma.timeToFirstByte, mb.timeToFirstByte),
            Self.seconds("first token", ma.timeToFirstToken, mb.timeToFirstToken),
            Self.seconds("duration", ma.duration, mb.duration),
            Self.count("prompt tokens", a.reply.usage?.promptTokens, b.reply.usage?.promptTokens),
            Self.count("completion tokens", a.reply.usage?.completionTokens ?? ma.completionTokens,
                       b.reply.usage?.completionTokens ?? mb.completionTokens),
            Self.count("total tokens", a.reply.usage?.totalTokens, b.reply.usage?.totalTokens),
            Self.price(a.reply.usage, b.reply.usage),
            Self.count("events", ma.events, mb.events),
            Self.count("records", ma.records, mb.records),
            Self.count("bytes", ma.bytes, mb.bytes),
            Self.count("keep-alives", ma.keepAlives, mb.keepAlives),
            Self.seconds("largest gap", ma.largestGap, mb.largestGap),
            Self.seconds("largest silence", ma.largestSilence, mb.largestSilence),
            Self.count("steps", a.reply.steps.count, b.reply.steps.count),
            Self.count("words", Self.wordCount(a.reply.text), Self.wordCount(b.reply.text)),
            Row(name: "ended", a: a.ending, b: b.ending),
        ]
    }

    /// Seconds with three decimals: `0.120 s`.
    public static func formatSeconds(_ value: Double) -> String {
        let millis = Int((abs(value) * 1000).rounded())
        let fraction = String(millis % 1000)
        let text = "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + " s"
        return value < 0 && millis > 0 ? "-" + text : text
    }

    private static func seconds(_ name: String, _ a: Double?, _ b: Double?) -> Row {
        var change: String?
        if let a, let b, formatSeconds(a) != formatSeconds(b) {
            let text = formatSeconds(b - a)
            change = text.hasPrefix("-") ? text : "+" + text
        }
        return Row(name: name, a: a.map(formatSeconds) ?? "-", b: b.map(formatSeconds) ?? "-", change: change)
    }

    private static func count(_ name: String, _ a: Int?, _ b: Int?) -> Row {
        var change: String?
        if let a, let b, a != b { change = b > a ? "+\(b - a)" : "\(b - a)" }
        return Row(name: name, a: a.map(String.init) ?? "-", b: b.map(String.init) ?? "-", change: change)
    }

    private static func price(_ a: Usage?, _ b: Usage?) -> Row {
        func text(_ usage: Usage?) -> String {
            guard let price = usage?.totalPrice else { return "-" }
            return price.text + (usage?.currency.map { " " + $0 } ?? "")
        }
        var change: String?
        if let pa = a?.totalPrice?.value, let pb = b?.totalPrice?.value, pa != pb, a?.currency == b?.currency {
            let difference = pb - pa
            change = (difference > 0 ? "+" : "") + "\(difference)"
        }
        return Row(name: "price", a: text(a), b: text(b), change: change)
    }

    private static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
