import ChatModel
import Providers
import Sessions
import TerminalUI
import TestSupport
import Wire
import WorkbenchApp
import XCTest

/// The app loop carries out the render of a long reply's end on another thread and then shows it.
final class AppLoopLongReplyTests: XCTestCase {
    func testALongParagraphIsShownRenderedOnceTheReplyEnds() async throws {
        var bytes: [UInt8] = []
        for i in 0..<600 {
            bytes += Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word\(i) **x** \"}}]}\n\n".utf8)
        }
        bytes += Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the **final** word\"},\"finish_reason\":\"stop\"}]}\n\n".utf8)
        bytes += Array("data: [DONE]\n\n".utf8)
        let transport = ReplayTransport(chunks: ReplayTransport.pieces(bytes, size: 4_000))
        let runner = RunStarter(provider: OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", model: "demo"), transport: transport)
        let config = AppConfiguration(runner: runner, endpointLabel: "test endpoint", frameInterval: .zero)
        let terminal = MemoryTerminal()
        let app = Task { try await WorkbenchApp.run(config, terminal: terminal) }
        terminal.type("Long")
        terminal.press(.enter)
        let rendered = await terminal.waitForFrame(within: 30) {
            $0.contains("the final word") && !$0.contains("**") && !$0.contains("streaming")
        }
        XCTAssertNotNil(rendered, "the reply, longer than a frame parses, ends rendered as Markdown")
        terminal.press(.control("q"))
        try await app.value
    }
}
