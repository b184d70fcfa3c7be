import Foundation
import TestSupport
import XCTest

/// Multi-line input in the real workbench under tmux: a bracketed paste of two lines, Alt-Enter and Ctrl-J all
/// add lines to the composer, nothing is sent until Enter, and the prompt keeps its newlines.
final class WorkbenchPasteTmuxTests: XCTestCase {
    private var binary: String {
        ProcessInfo.processInfo.environment["PARLEY_E2E_BINARY"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    /// The composer's text rows (between its top and bottom border), without the prompt and padding.
    private func composerLines(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.lastIndex(where: { $0.hasPrefix("┏━[ Message") || $0.hasPrefix("┌─ Message") }) else { return [] }
        return lines[(top + 1)...].prefix { $0.hasPrefix("┃") || $0.hasPrefix("│") }.map {
            String($0.dropFirst().dropLast()).replacingOccurrences(of: "› ", with: "").trimmingCharacters(in: .whitespaces)
        }
    }

    func testPastedLinesAltEnterAndControlJStayInTheComposerUntilEnter() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='paste-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let data = try makeTemporaryFolder("parley-paste")
        // `cat -v` runs straight after Parley, with no shell prompt between that would reset the terminal, so it
        // shows whether Parley left bracketed paste switched on.
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary); cat -v")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") && $0.contains("Enter sends") }.met)

        try tmux.paste("Compare these two lines:\nsecond pasted line")
        let pasted = try tmux.wait(seconds: 10) { self.composerLines($0) == ["Compare these two lines:", "second pasted line"] }
        XCTAssertTrue(pasted.met, "the composer shows both pasted lines:\n\(pasted.screen)")
        XCTAssertFalse(pasted.screen.contains("▍You"), "the paste sent nothing:\n\(pasted.screen)")

        try tmux.press("M-Enter")
        try tmux.type("after alt-enter")
        try tmux.press("C-j")
        try tmux.type("after ctrl-j")
        let typed = try tmux.wait(seconds: 10) { self.composerLines($0).last == "after ctrl-j" }
        XCTAssertEqual(composerLines(typed.screen),
                       ["Compare these two lines:", "second pasted line", "after alt-enter", "after ctrl-j"], typed.screen)
        XCTAssertFalse(typed.screen.contains("▍You"), "Alt-Enter and Ctrl-J sent nothing:\n\(typed.screen)")

        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) {
            $0.contains("▍Assistant") && !$0.contains("streaming…") && !$0.contains("reply streaming")
        }
        XCTAssertTrue(answered.met, "Enter sends the message and the reply arrives:\n\(answered.screen)")
        XCTAssertTrue(answered.screen.contains("You asked: “Compare these two lines:"), answered.screen)
        XCTAssertEqual(composerLines(answered.screen), ["Type a message, Enter sends"], "the composer is empty again")
        let prompt = StoredRows.first("SELECT text FROM messages WHERE role = 'user'", in: data)
        XCTAssertEqual(prompt, "Compare these two lines:\nsecond pasted line\nafter alt-enter\nafter ctrl-j",
                       "the stored prompt keeps its newlines")
        let request = StoredRows.first("SELECT request_body FROM runs", in: data) ?? ""
        XCTAssertTrue(request.contains(#"Compare these two lines:\nsecond pasted line\nafter alt-enter\nafter ctrl-j"#),
                      "the request sent to the server has them too: \(request)")

        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { !$0.contains("Inspector") }.met, "Parley quits")
        try tmux.paste("after quitting")
        let after = try tmux.wait(seconds: 10) { $0.contains("after quitting") }
        XCTAssertTrue(after.met, "cat shows the paste:\n\(after.screen)")
        XCTAssertFalse(after.screen.contains("[200~"), "bracketed paste is switched off on exit:\n\(after.screen)")
        try tmux.press("C-d")
    }
}
