import Foundation
import Sessions

/// What the environment and standard output say about the terminal, for `parley doctor`.
enum DoctorTerminal {
    static func facts(environment: [String: String]) -> TerminalDiagnosis.Facts {
        let codeset = setlocale(LC_ALL, "") != nil ? String(cString: nl_langinfo(nl_item(CODESET))) : "ANSI_X3.4-1968"
        let term = environment["TERM"]
        return TerminalDiagnosis.Facts(
            term: term, codeset: codeset, localeSource: localeSource(environment),
            colors: term.flatMap { TerminfoEntry.colors(term: $0, environment: environment) },
            noColor: !(environment["NO_COLOR"] ?? "").isEmpty, size: windowSize())
    }

    /// The variable that decides the character set, as `LC_ALL=C`; `no locale set` when none is.
    private static func localeSource(_ environment: [String: String]) -> String {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return "\(name)=\(value)" }
        }
        return "no LC_ALL, LC_CTYPE or LANG"
    }

    private static func windowSize() -> (columns: Int, rows: Int)? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
