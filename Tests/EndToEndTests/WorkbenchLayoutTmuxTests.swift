import ChatModel
import Foundation
import Store
import TestSupport
import XCTest

/// Zoom and the mouse in the real binary in tmux. Clicks are typed into the pane as the terminal would send
/// them: tmux's own TERM (`tmux-256color`, whose terminfo names the X10 report `ESC [ M`) or xterm's (SGR
/// reports, `ESC [ < b ; x ; y M`), the format curses reads for that TERM.
final class WorkbenchLayoutTmuxTests: XCTestCase {
    private var binary: String { Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path }

    /// Parley on a store of five short conversations (`Talk 0` … `Talk 4`, newest first), in a 120×36 pane.
    private func start(_ name: String, flags: String = "", term: String? = nil) throws -> Tmux {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let data = try makeTemporaryFolder(name)
        let store = try SQLiteStore(path: data.appendingPathComponent("parley/parley.sqlite").path)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for i in 0..<5 {
            let messages = (0..<2).map { m in
                var message = Message(id: "", role: m == 0 ? .user : .assistant, text: "Message \(m) of talk \(i).",
                                      createdAt: base.addingTimeInterval(Double(i * 100 + m)))
                message.remoteID = "m\(m)"
                return message
            }
            _ = try store.importRemote(RemoteConversation(
                provider: "openai", remoteID: "r\(i)", title: "Talk \(i)", createdAt: base.addingTimeInterval(Double(i * 100)),
                updatedAt: base.addingTimeInterval(Double(i * 100)), messages: messages))
        }
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='layout-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let environment = (term.map { "TERM=\($0) " } ?? "") + "XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path)"
        try tmux.type("\(environment) \(binary) \(flags)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Talk 0") }
        XCTAssertTrue(opened.met, "the stored conversations are listed:\n\(opened.screen)")
        return tmux
    }

    private func quit(_ tmux: Tmux) throws {
        try tmux.press("C-q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("layout-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "no mouse mode is left on")
    }

    /// Where `text` first starts on the screen, within `columns`: the cell a user would click.
    private func cell(of text: String, in screen: String, within columns: Range<Int>) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            for x in columns where x + text.count <= characters.count && String(characters[x..<(x + text.count)]) == text {
                return (x, y)
            }
        }
        return nil
    }

    /// A left click (press and release) as an X10 report: button, column and row each as 32 + value (+1 for cells).
    private func x10Click(_ tmux: Tmux, at cell: (x: Int, y: Int)) throws {
        func report(_ button: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + cell.x)))
                + String(UnicodeScalar(UInt8(33 + cell.y)))
        }
        try tmux.type(report(0) + report(3))
    }

    /// A left click as an SGR report, which has no column limit.
    private func sgrClick(_ tmux: Tmux, at cell: (x: Int, y: Int)) throws {
        try tmux.type("\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)M\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)m")
    }

    func testZZoomsTheFocusedPaneAndBack() throws {
        let tmux = try start("parley-zoom-e2e")
        try tmux.press("Tab")
        try tmux.type("z")
        let zoomed = try tmux.wait(seconds: 10) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            return lines.count == 36 && lines[0].hasPrefix("┏━[ Conversations ]") && lines[0].hasSuffix("┓")
                && !screen.contains("Inspector") && !screen.contains("Type a message below") && lines[35].contains("zoom ·")
        }
        XCTAssertTrue(zoomed.met, "the list fills the screen above the status bar:\n\(zoomed.screen)")
        try tmux.type("z")
        let back = try tmux.wait(seconds: 10) { $0.contains("Inspector") && $0.contains("Type a message below") && !$0.contains("zoom ·") }
        XCTAssertTrue(back.met, "z again shows the three panes:\n\(back.screen)")
        try quit(tmux)
    }

    func testAClickSelectsAConversationAndAnInspectorTab() throws {
        let tmux = try start("parley-click-e2e")
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "1", "Parley asks the terminal for clicks")
        let screen = try tmux.capture()
        let row = try XCTUnwrap(cell(of: "Talk 2", in: screen, within: 0..<24), screen)
        try x10Click(tmux, at: row)
        let opened = try tmux.wait(seconds: 10) {
            $0.contains("[ Conversations ]") && $0.contains("─ Talk 2 ─") && $0.contains("Message 1 of talk 2.")
        }
        XCTAssertTrue(opened.met, "the click focuses the list and opens the conversation under it:\n\(opened.screen)")

        let tab = try XCTUnwrap(cell(of: "2 Cit", in: opened.screen, within: 80..<94), opened.screen)
        try x10Click(tmux, at: tab)
        let citations = try tmux.wait(seconds: 10) { $0.contains("[ Inspector ]") && $0.contains("No citations") }
        XCTAssertTrue(citations.met, "the click on a tab focuses the inspector and shows that tab:\n\(citations.screen)")
        try quit(tmux)
    }

    func testAClickAsAnSGRReportReachesColumnsPastX10sLimit() throws {
        let tmux = try start("parley-sgr-e2e", term: "xterm-256color")
        let screen = try tmux.capture()
        let tab = try XCTUnwrap(cell(of: "4 Raw", in: screen, within: 95..<120), screen)
        try sgrClick(tmux, at: tab)
        let raw = try tmux.wait(seconds: 10) { $0.contains("[ Inspector ]") && $0.contains("/ filter") }
        XCTAssertTrue(raw.met, "the Raw tab opens (its keys show in the status bar):\n\(raw.screen)")
        try quit(tmux)
    }

    func testWithTheMouseOffAClickDoesNothing() throws {
        let tmux = try start("parley-nomouse-e2e", flags: "--no-mouse")
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "the terminal is not asked for clicks, so its selection works")
        let screen = try tmux.capture()
        let row = try XCTUnwrap(cell(of: "Talk 2", in: screen, within: 0..<24), screen)
        try x10Click(tmux, at: row)
        try tmux.press("Tab")
        let after = try tmux.wait(seconds: 10) { $0.contains("[ Conversations ]") }
        XCTAssertTrue(after.met, "Tab, typed after the click, focuses the list:\n\(after.screen)")
        XCTAssertTrue(after.screen.contains("Type a message below"), "the new conversation is still open:\n\(after.screen)")
        XCTAssertFalse(after.screen.contains("─ Talk 2 ─"), "the click opened nothing:\n\(after.screen)")
        XCTAssertTrue(after.screen.contains("Tab to the composer"), "and typed nothing:\n\(after.screen)")
        try quit(tmux)
    }
}
