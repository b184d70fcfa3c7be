import Foundation
import TestSupport
import XCTest

/// Drives the built `parley` binary (no arguments: the built-in demo) in tmux, as a person would.
final class WorkbenchTmuxTests: XCTestCase {
    private var binary: String {
        ProcessInfo.processInfo.environment["PARLEY_E2E_BINARY"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    func testPromptStreamsInspectsResizesAndRestoresTheTerminal() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='e2e-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("parley-e2e-\(UUID().uuidString)")
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")

        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Inspector") }
        XCTAssertTrue(opened.met, "the three panes appear:\n\(opened.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1", "the workbench runs on the alternate screen")

        try tmux.type("Hello from tmux")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) {
            $0.contains("▍Assistant") && !$0.contains("streaming…") && !$0.contains("waiting for the reply")
        }
        XCTAssertTrue(answered.met, "the answer streams in and finishes:\n\(answered.screen)")
        XCTAssertTrue(answered.screen.contains("Hello from tmux"))
        let reply = replyText(answered.screen)
        XCTAssertFalse(reply.isEmpty, "the transcript shows the streamed answer:\n\(answered.screen)")

        try tmux.press("Tab", "Tab", "Tab")
        try tmux.type("4")
        let raw = try tmux.wait(seconds: 10) { $0.contains(" records ") && $0.contains("14B data: [DONE]␊␊") }
        XCTAssertTrue(raw.met, "the Raw tab lists the stream's records:\n\(raw.screen)")

        try tmux.resize(columns: 90, rows: 28)
        let resized = try tmux.wait(seconds: 10) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            return lines.count == 28 && lines[0].count == 90 && lines[0].hasSuffix("┓") && lines[24].hasPrefix("┌")
        }
        XCTAssertTrue(resized.met, "the layout follows the new size:\n\(resized.screen)")

        try tmux.type("q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("e2e-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "the alternate screen is left")
    }

    /// The text in the transcript column on the line under the assistant header.
    private func replyText(_ screen: String) -> String {
        let lines = screen.split(separator: "\n").map { Array($0) }
        guard let header = lines.firstIndex(where: { $0.contains("▍") && String($0).contains("Assistant") }),
              header + 1 < lines.count, let column = lines[header].firstIndex(of: "▍")
        else { return "" }
        let below = lines[header + 1].dropFirst(column).prefix { $0 != "│" && $0 != "┃" }
        return String(below).trimmingCharacters(in: .whitespaces)
    }
}
