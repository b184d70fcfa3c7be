import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TerminalUI
import TestSupport
import WorkbenchApp
import XCTest

/// The workbench on a store of thousands of conversations: the list reaches every one of them, pages are read
/// off the loop, and a search opens the conversation at its matching message.
final class AppLoopListPagingTests: XCTestCase {
    private static let count = 3_000

    /// A store of `count` conversations, conversation `i` updated `i` minutes after the first, in two profiles.
    private func bigStore() throws -> SQLiteStore {
        let path = try makeTemporaryFolder("parley-paging").appendingPathComponent("parley.sqlite").path
        let store = try SQLiteStore(path: path)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for i in 0..<Self.count {
            let created = base.addingTimeInterval(Double(i) * 60)
            var messages = (0..<2).map { m in
                var message = Message(id: "", role: m == 0 ? .user : .assistant,
                                      text: m == 0 ? "Question \(i)" : "Answer number \(i).", createdAt: created)
                message.remoteID = "m\(m)"
                return message
            }
            if i == 1_234 {
                messages = (0..<30).map { m in
                    var message = Message(id: "", role: m % 2 == 0 ? .user : .assistant,
                                          text: m == 3 ? "The quokka answer is here." : "Filler message \(m).", createdAt: created)
                    message.remoteID = "m\(m)"
                    return message
                }
            }
            _ = try store.importRemote(RemoteConversation(
                provider: "bench", remoteID: "c\(i)", title: String(format: "Talk %04d", i),
                profile: i % 2 == 0 ? "even" : "odd", createdAt: created, updatedAt: created, messages: messages))
        }
        return store
    }

    func testTheListReachesTheOldestOfThousandsAndSearchOpensTheMatchingMessage() async throws {
        let store = try bigStore()
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"),
                                transport: ReplayTransport(chunks: []))
        let terminal = MemoryTerminal()
        let app = Task {
            try await WorkbenchApp.run(
                AppConfiguration(runner: runner, store: store, endpointLabel: "paging", frameInterval: .zero), terminal: terminal)
        }
        let first = await terminal.waitForFrame { $0.contains("even") && $0.contains("Talk 2998") }
        XCTAssertNotNil(first, "the first screen lists the newest conversation of the first profile:\n\(terminal.lastFrame?.text ?? "")")

        terminal.press(.tab)
        terminal.press(.end)
        let last = await terminal.waitForFrame { $0.contains("▸ Talk 0001") && $0.contains("Answer number 1.") }
        XCTAssertNotNil(last, "End reaches the oldest conversation of the last profile and opens it:\n\(terminal.lastFrame?.text ?? "")")

        terminal.press(.home)
        terminal.press(.down)
        for _ in 0..<5 { terminal.press(.pageDown) }
        let paged = await terminal.waitForFrame { $0.contains("▸ Talk 2") && $0.contains("Answer number 2") }
        XCTAssertNotNil(paged, "PgDn moves by pages and the conversation under the selection opens:\n\(terminal.lastFrame?.text ?? "")")

        terminal.type("/quokka")
        let found = await terminal.waitForFrame { $0.contains("Talk 1234") && $0.contains("quokka answer") }
        XCTAssertNotNil(found, "the full-text search finds the message")
        terminal.press(.enter)
        let opened = await terminal.waitForFrame { $0.contains("The quokka answer is here.") && !$0.contains("Filler message 29.") }
        XCTAssertNotNil(opened, "the conversation opens scrolled to the matching message, not its end")
        terminal.press(.control("q"))
        try await app.value
    }
}
