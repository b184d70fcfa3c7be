import Foundation

/// Doctor lines for the terminal Parley would draw in: `TERM`, a UTF-8 locale, colours and size.
public enum TerminalDiagnosis {
    /// The smallest window the workbench lays its three panes out in.
    public static let minimumSize = (columns: 60, rows: 16)

    /// What the environment and the terminal say.
    public struct Facts: Sendable, Equatable {
        public var term: String?
        /// The character set `setlocale(LC_ALL, "")` chose (`UTF-8`, `ANSI_X3.4-1968`, …).
        public var codeset: String
        /// The locale variable that decided it (`LC_ALL=C`), for messages.
        public var localeSource: String
        /// Colours the terminfo entry declares; `nil` when no entry was found.
        public var colors: Int?
        public var noColor: Bool
        /// The window size, or `nil` when standard output is not a terminal.
        public var size: (columns: Int, rows: Int)?

        public init(
            term: String?, codeset: String, localeSource: String, colors: Int?, noColor: Bool,
            size: (columns: Int, rows: Int)?
        ) {
            self.term = term
            self.codeset = codeset
            self.localeSource = localeSource
            self.colors = colors
            self.noColor = noColor
            self.size = size
        }

        public static func == (a: Facts, b: Facts) -> Bool {
            a.term == b.term && a.codeset == b.codeset && a.localeSource == b.localeSource && a.colors == b.colors
                && a.noColor == b.noColor && a.size?.columns == b.size?.columns && a.size?.rows == b.size?.rows
        }
    }

    public static func checks(_ facts: Facts) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        switch facts.term {
        case nil, "":
            checks.append(DoctorCheck(
                "terminal: TERM", .failed, "TERM is not set",
                fix: "run Parley in a terminal emulator, or export TERM=xterm-256color"))
        case "dumb":
            checks.append(DoctorCheck(
                "terminal: TERM", .failed, "TERM=dumb cannot draw a full screen",
                fix: "run Parley in a terminal emulator, or export TERM=xterm-256color"))
        case let term? where facts.colors == nil:
            checks.append(DoctorCheck(
                "terminal: TERM", .failed, "TERM=\(term) has no terminfo entry on this machine",
                fix: "install it (apt install ncurses-term) or export TERM=xterm-256color"))
        case let term?:
            checks.append(DoctorCheck("terminal: TERM", .passed, "TERM=\(term)"))
        }
        if facts.codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" {
            checks.append(DoctorCheck("terminal: locale", .passed, "UTF-8 (\(facts.localeSource))"))
        } else {
            checks.append(DoctorCheck(
                "terminal: locale", .failed,
                "\(facts.localeSource) gives \(facts.codeset), not UTF-8: Parley falls back to C.UTF-8, but other "
                    + "programs in this terminal will mangle non-ASCII text",
                fix: "export LANG=C.UTF-8 (or en_US.UTF-8) in your shell's profile"))
        }
        if facts.noColor {
            checks.append(DoctorCheck("terminal: colours", .passed, "NO_COLOR is set: Parley draws without colour"))
        } else if let colors = facts.colors {
            checks.append(colors >= 8
                ? DoctorCheck("terminal: colours", .passed, colors >= 256
                    ? "\(colors) colours" : "\(colors) colours: theme colours are drawn as the nearest of them")
                : DoctorCheck(
                    "terminal: colours", .failed, "TERM=\(facts.term ?? "") declares \(colors < 0 ? "no" : String(colors)) colours",
                    fix: "export TERM=xterm-256color if your terminal emulator draws colours"))
        } else {
            checks.append(DoctorCheck("terminal: colours", .skipped, "unknown without a terminfo entry"))
        }
        if let size = facts.size {
            let fits = size.columns >= minimumSize.columns && size.rows >= minimumSize.rows
            checks.append(fits
                ? DoctorCheck("terminal: size", .passed, "\(size.columns)×\(size.rows)")
                : DoctorCheck(
                    "terminal: size", .failed,
                    "\(size.columns)×\(size.rows) is below the \(minimumSize.columns)×\(minimumSize.rows) the workbench needs",
                    fix: "enlarge the window"))
        } else {
            checks.append(DoctorCheck("terminal: size", .skipped, "standard output is not a terminal"))
        }
        return checks
    }
}
