import Sessions
import XCTest

/// The terminal lines of `parley doctor` for terminals a test cannot be run in: too small, unknown to terminfo,
/// monochrome.
final class TerminalDiagnosisTests: XCTestCase {
    private func facts(term: String? = "xterm-256color", colors: Int? = 256, size: (Int, Int)? = (120, 40)) -> TerminalDiagnosis.Facts {
        TerminalDiagnosis.Facts(
            term: term, codeset: "UTF-8", localeSource: "LANG=C.UTF-8", colors: colors, noColor: false,
            size: size.map { (columns: $0.0, rows: $0.1) })
    }

    private func line(_ name: String, _ facts: TerminalDiagnosis.Facts) -> DoctorCheck? {
        TerminalDiagnosis.checks(facts).first { $0.name == "terminal: " + name }
    }

    func testAWindowBelowTheWorkbenchsMinimumFailsWithItsSize() {
        let small = line("size", facts(size: (50, 12)))
        XCTAssertEqual(small?.outcome, .failed)
        XCTAssertTrue(small?.line.contains("50×12 is below the 60×16") ?? false, small?.line ?? "")
        XCTAssertEqual(line("size", facts())?.outcome, .passed)
    }

    func testATermWithoutATerminfoEntryFailsAndSaysWhatToInstall() {
        let unknown = line("TERM", facts(term: "xterm-kitty", colors: nil))
        XCTAssertEqual(unknown?.outcome, .failed)
        XCTAssertTrue(unknown?.line.contains("apt install ncurses-term") ?? false, unknown?.line ?? "")
        XCTAssertEqual(line("colours", facts(term: "xterm-kitty", colors: nil))?.outcome, .skipped)
    }

    func testAMonochromeEntryFailsTheColourLine() {
        XCTAssertEqual(line("colours", facts(term: "vt100", colors: -1))?.outcome, .failed)
        XCTAssertEqual(line("colours", facts(colors: 8))?.outcome, .passed)
        XCTAssertTrue(line("colours", facts(colors: 8))?.line.contains("drawn as the nearest of them") ?? false,
                      "fewer than 256 colours: the doctor says themes fall back")
    }

    func testTheSummaryCountsFailuresButNotSkips() {
        let checks = [DoctorCheck("a", .passed, "x"), DoctorCheck("b", .skipped, "y")]
        XCTAssertTrue(checks.allPassed)
        XCTAssertEqual(checks.summary, "All checks passed (1 ok, 1 skipped).")
        let failing = checks + [DoctorCheck("c", .failed, "z", fix: "do this")]
        XCTAssertFalse(failing.allPassed)
        XCTAssertEqual(failing[2].line, "FAIL c: z → do this")
    }
}
