/// One line of the fault table: what `parley send` did against one fault on one provider kind.
struct FaultRow {
    var fault: String
    var kind: String
    /// The first line of standard error, shortened; what the user sees.
    var message: String
    /// The exit status, or how the process ended otherwise ("signal 9", "killed at the deadline").
    var exit: String
    /// How long the run took, such as "2.1 s"; stalls end at `parley send --idle-timeout`.
    var time = ""
    /// The stored reply's status and size, such as "failed, 16 B", or "nothing".
    var stored: String
    var peak: String
    /// What fell short of the bar; empty for a good row. Nil for a row that does not apply.
    var problems: [String]?

    var passes: Bool { problems?.isEmpty ?? true }

    /// The row as a Markdown table line; a row below the bar says so in its last column.
    var markdown: String {
        let verdict: String
        switch problems {
        case nil: verdict = "n/a"
        case let problems? where problems.isEmpty: verdict = "ok"
        case let problems?: verdict = "**BAD**: " + problems.joined(separator: "; ")
        }
        return "| " + [fault, kind, message, exit, time, stored, peak, verdict].map(Self.cell).joined(separator: " | ") + " |"
    }

    static let header = """
        | fault | provider | what the user sees (first line of stderr) | exit | time | stored reply | peak RSS | verdict |
        |---|---|---|---|---|---|---|---|
        """

    /// Text made safe for one Markdown cell: no pipes, no line breaks, no control characters.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "`": out += "'"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
