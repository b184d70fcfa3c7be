import Foundation
import TestSupport
import XCTest

/// The real binary renders a streamed Markdown reply (the demo's `openai-markdown` scenario) and `m` shows its
/// source, in tmux as a person would see it.
final class WorkbenchMarkdownTmuxTests: XCTestCase {
    private var binary: String {
        ProcessInfo.processInfo.environment["PARLEY_E2E_BINARY"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    func testAMarkdownReplyIsRenderedAndMShowsItsSource() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let tmux = try Tmux(columns: 120, rows: 56, command: "env PS1='e2e-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let data = try makeTemporaryFolder("parley-e2e-markdown")
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Inspector") }
        XCTAssertTrue(opened.met, "the three panes appear:\n\(opened.screen)")

        try tmux.type("Show me some markdown")
        try tmux.press("Enter")
        let rendered = try tmux.wait(seconds: 20) {
            $0.contains("│ message_end │ data, usage │   311 │") && $0.contains("Press m in the transcript")
                && !$0.contains("streaming")
        }
        XCTAssertTrue(rendered.met, "the reply is rendered with an aligned table:\n\(rendered.screen)")
        XCTAssertTrue(rendered.screen.contains("Reading an event stream"))
        XCTAssertTrue(rendered.screen.contains("╭─ swift"), "the code block shows its language")
        XCTAssertFalse(rendered.screen.contains("**one HTTP response**"), "emphasis marks are not shown")
        XCTAssertFalse(rendered.screen.contains("```"), "fences are not shown")

        try tmux.press("Tab", "Tab")
        try tmux.type("m")
        let source = try tmux.wait(seconds: 10) { $0.contains("· Markdown source") && $0.contains("**one HTTP response**") }
        XCTAssertTrue(source.met, "m shows the source:\n\(source.screen)")
        try tmux.type("m")
        let again = try tmux.wait(seconds: 10) { !$0.contains("· Markdown source") && $0.contains("╭─ swift") }
        XCTAssertTrue(again.met, "m renders it again:\n\(again.screen)")

        try tmux.type("q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("e2e-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
    }
}
