import Foundation
import TestSupport
import XCTest

/// The stream debugger on the real binary in tmux: two replies stored by `parley send` (one whose stream ends
/// without `[DONE]`), the Lint tab naming that rule, and `M` on each opening the compare view.
final class CompareTmuxTests: XCTestCase {
    func testMOnTwoStoredRepliesOpensTheCompareViewAndTheLintTabNamesTheRule() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = ParleyBinary.path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let home = try makeTemporaryFolder("parley-compare-e2e")
        let port = try LoopbackPort.free()
        let server = try SpawnedProcess(
            executable: binary, arguments: ["serve-fixtures", "--port", String(port)], logDirectory: home.appendingPathComponent("logs"))
        defer { server.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: server)
        let environment = ParleyBinary.isolatedEnvironment(in: home)
        for (prompt, scenario) in [("Tides, first run", "openai-text"), ("Tides, second run", "openai-no-done")] {
            let sent = try ParleyBinary.run(
                ["send", "--base-url", "http://127.0.0.1:\(port)/scenario/\(scenario)/v1", prompt], environment: environment)
            XCTAssertEqual(sent.exitCode, 0, sent.standardError)
        }

        let tmux = try Tmux(columns: 140, rows: 40, command: "env PS1='compare-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let variables = ["HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"].map { "\($0)=\(environment[$0]!)" }.joined(separator: " ")
        try tmux.type("\(variables) \(binary)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Tides, first run") && $0.contains("Tides, second run") }
        XCTAssertTrue(opened.met, "the stored conversations are listed:\n\(opened.screen)")

        try tmux.press("Tab")
        try tmux.press("Down")
        let second = try tmux.wait(seconds: 10) { $0.contains("─ Tides, second run ─") && $0.contains("▍Assistant") }
        XCTAssertTrue(second.met, "the newest stored conversation opens:\n\(second.screen)")
        try tmux.type("M")
        let marked = try tmux.wait(seconds: 10) { $0.contains("Marked reply 1/1 of “Tides, second run”") }
        XCTAssertTrue(marked.met, "M marks the reply and says what to do next:\n\(marked.screen)")

        try tmux.press("Down")
        let first = try tmux.wait(seconds: 10) { $0.contains("─ Tides, first run ─") && $0.contains("▍Assistant") }
        XCTAssertTrue(first.met, "the other stored conversation opens:\n\(first.screen)")
        try tmux.type("M")
        let compared = try tmux.wait(seconds: 10) { $0.contains("Compare") && $0.contains("first token") && $0.contains("text  ") }
        XCTAssertTrue(compared.met, "the compare view sets the two runs side by side:\n\(compared.screen)")
        for name in ["first byte", "duration", "completion tokens", "keep-alives", "largest gap", "ended", "steps"] {
            XCTAssertTrue(compared.screen.contains(name), "\(name):\n\(compared.screen)")
        }
        XCTAssertTrue(compared.screen.contains("A: reply 1/1 of “Tides, second run”"), compared.screen)
        XCTAssertTrue(compared.screen.contains("gpt-4o-mini"), "the model read from the stored request:\n\(compared.screen)")
        keep(compared.screen, as: "compare-view.txt")

        try tmux.press("Escape")
        let closed = try tmux.wait(seconds: 10) { !$0.contains("first token") && $0.contains("Inspector") }
        XCTAssertTrue(closed.met, "Esc closes the view:\n\(closed.screen)")

        try tmux.press("Up")
        _ = try tmux.wait(seconds: 10) { $0.contains("─ Tides, second run ─") }
        try tmux.press("Tab", "Tab")
        try tmux.type("6")
        try tmux.type(String(repeating: ">", count: 12))
        let lint = try tmux.wait(seconds: 10) { $0.contains("done-missing") && $0.contains("openai · 10 records") }
        XCTAssertTrue(lint.met, "the Lint tab, widened, names the rule the stream bent:\n\(lint.screen)")
        keep(lint.screen, as: "lint-tab.txt")
        try tmux.press("Enter")
        let raw = try tmux.wait(seconds: 10) { $0.contains("Record #") && $0.contains("done-missing") }
        XCTAssertTrue(raw.met, "Enter shows the finding's record in the Raw tab:\n\(raw.screen)")

        try tmux.press("C-q")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("compare-shell$") && !$0.contains("Inspector") }.met)
    }

    /// Writes a screen to `$PARLEY_SCREEN_CAPTURES/name` when that folder is given (the README's captures).
    private func keep(_ screen: String, as name: String) {
        guard let folder = ProcessInfo.processInfo.environment["PARLEY_SCREEN_CAPTURES"], !folder.isEmpty else { return }
        try? screen.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
}
