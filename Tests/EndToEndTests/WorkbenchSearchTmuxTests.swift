import ChatModel
import Foundation
import Store
import TestSupport
import XCTest

/// Finds last month's conversation by a word of its answer, in the real binary in tmux.
final class WorkbenchSearchTmuxTests: XCTestCase {
    /// A store under `data` (where Parley looks with `XDG_DATA_HOME`) with a few short conversations and one
    /// long one whose fourth message, an answer, holds the word `quokka`.
    private func makeStore(in data: URL) throws {
        let store = try SQLiteStore(path: data.appendingPathComponent("parley/parley.sqlite").path)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for i in 0..<40 {
            let long = i == 7
            let messages = (0..<(long ? 30 : 2)).map { m in
                var message = Message(
                    id: "", role: m % 2 == 0 ? .user : .assistant,
                    text: long && m == 3 ? "The quokka answer is here." : "Message \(m) of talk \(i).",
                    createdAt: base.addingTimeInterval(Double(i * 100 + m)))
                message.remoteID = "m\(m)"
                return message
            }
            _ = try store.importRemote(RemoteConversation(
                provider: "openai", remoteID: "r\(i)", title: long ? "Marsupials" : "Talk \(i)",
                createdAt: base.addingTimeInterval(Double(i * 100)), updatedAt: base.addingTimeInterval(Double(i * 100)),
                messages: messages))
        }
    }

    func testSlashFindsAWordOfAnAnswerAndEnterOpensTheConversationAtThatMessage() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let data = try makeTemporaryFolder("parley-search-e2e")
        try makeStore(in: data)
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='search-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Talk 39") }
        XCTAssertTrue(opened.met, "the stored conversations are listed:\n\(opened.screen)")

        try tmux.press("Tab")
        try tmux.type("/quokka")
        let found = try tmux.wait(seconds: 10) { $0.contains("Marsupials") && $0.contains("quokka answer") }
        XCTAssertTrue(found.met, "the search lists the conversation with its passage:\n\(found.screen)")

        try tmux.press("Enter")
        let shown = try tmux.wait(seconds: 10) {
            $0.contains("The quokka answer is here.") && $0.contains("─ Marsupials ─") && !$0.contains("Message 29 of talk 7.")
        }
        XCTAssertTrue(shown.met, "the conversation opens at the matching message, not at its end:\n\(shown.screen)")

        try tmux.press("Escape")
        let back = try tmux.wait(seconds: 10) { $0.contains("Talk 39") && !$0.contains("/quokka") }
        XCTAssertTrue(back.met, "Esc returns to the list:\n\(back.screen)")
        try tmux.press("C-q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("search-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
    }
}
