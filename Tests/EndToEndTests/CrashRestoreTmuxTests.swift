import Foundation
import TestSupport
import XCTest

/// A crash inside the workbench leaves the user's terminal as it found it: the real binary in tmux, crashed on
/// purpose through the `PARLEY_TEST_CRASH` test hook (F12), for a Swift trap and a bad pointer.
final class CrashRestoreTmuxTests: XCTestCase {
    func testASwiftTrapRestoresTheTerminalAndExitsWithItsSignal() throws {
        // fatalError traps with ud2 (SIGILL, 132) on x86-64 and brk (SIGTRAP, 133) on arm64.
        try crash("trap", expecting: ["status=132", "status=133"])
    }

    func testABadPointerRestoresTheTerminalAndExitsWithSIGSEGV() throws {
        try crash("segv", expecting: ["status=139"])
    }

    /// Starts the workbench with the crash hook, checks it owns the screen, presses F12, and checks the shell
    /// is back: the alternate screen left, the cursor shown, keypad mode off, and the signal's exit status.
    private func crash(_ kind: String, expecting statuses: [String]) throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let data = try makeTemporaryFolder("parley-crash-\(kind)")
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='crash-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        // The Swift runtime's backtracer asks for a key on a terminal before it exits; the test wants it to go on.
        try tmux.type("SWIFT_BACKTRACE=interactive=no PARLEY_TEST_CRASH=\(kind) XDG_DATA_HOME=\(data.path) "
            + "XDG_CONFIG_HOME=\(data.path) \(binary); echo status=$?")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Inspector") }
        XCTAssertTrue(opened.met, "the workbench starts:\n\(opened.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1", "the workbench runs on the alternate screen")
        XCTAssertEqual(try tmux.display("#{keypad_flag}"), "1", "curses turned keypad mode on")

        try tmux.press("F12")
        let ended = try tmux.wait(seconds: 60) { $0.contains(/status=[0-9]/) }
        XCTAssertTrue(ended.met, "parley dies and the shell goes on:\n\(ended.screen)")
        XCTAssertTrue(statuses.contains { ended.screen.contains($0) }, "exit status \(statuses):\n\(ended.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "the alternate screen is left")
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), "1", "the cursor is shown")
        XCTAssertEqual(try tmux.display("#{keypad_flag}"), "0", "keypad mode is off")
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "no mouse mode is left on")

        try tmux.type("echo typed-$((40 + 2))")
        try tmux.press("Enter")
        let echoed = try tmux.wait(seconds: 10) { $0.contains("typed-42") }
        XCTAssertTrue(echoed.met, "the terminal takes input again (echo and line mode back):\n\(echoed.screen)")
    }
}
