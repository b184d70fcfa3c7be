import ChatModel
import Foundation
import Proxy
import Store
import TestSupport
import Wire
import XCTest

/// The proxy in front of `fakellm`, an OpenAI-compatible server someone else wrote.
final class ProxyFakeLLMTests: XCTestCase {
    private var process: SpawnedProcess?
    private var folder: URL?
    private var proxy: ProxyServer?

    override func tearDown() async throws {
        await proxy?.stop()
        process?.stop()
        folder.map(TemporaryFolder.remove)
    }

    func testStreamAndToolCallPassThroughAndAreDecoded() async throws {
        guard let venv = TestVenv.directory else {
            throw XCTSkip("No test venv: run `make test-deps`, or set PARLEY_TEST_VENV to a venv with fakellm==0.3.5.")
        }
        let fakellm = try XCTUnwrap(TestVenv.executable("fakellm"), "The venv at \(venv.path) has no fakellm.")
        let folder = try TemporaryFolder.make("parley-proxy-fakellm")
        self.folder = folder
        let upstreamPort = try LoopbackPort.free()
        let config = Fixtures.directory.appendingPathComponent("fakellm/fakellm.yaml")
        let process = try SpawnedProcess(
            executable: fakellm.path,
            arguments: ["serve", "--host", "127.0.0.1", "--port", "\(upstreamPort)", "--config", config.path],
            logDirectory: folder)
        self.process = process
        try LoopbackPort.waitUntilAccepting(upstreamPort, timeout: 20, process: process)

        let store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
        let summaries = Locked<[ExchangeSummary]>([])
        let proxy = ProxyServer(
            settings: ProxySettings(upstream: "http://127.0.0.1:\(upstreamPort)"), transport: CurlTransport(),
            recorder: ProxyRecorder(store: store, profile: nil)
        ) { summary in summaries.mutate { $0.append(summary) } }
        self.proxy = proxy
        let port = try await proxy.start(ListenAddress(host: "127.0.0.1", port: 0))

        let prompts = ["hello", "what is the weather?"]
        for (index, prompt) in prompts.enumerated() {
            let client = try RawHTTPClient(port: port)
            try client.send(
                path: "/v1/chat/completions",
                body: #"{"model":"fake","stream":true,"messages":[{"role":"user","content":"\#(prompt)"}]}"#,
                headers: [("Authorization", "Bearer fake-key")])
            let response = try await client.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertTrue(response.header("Content-Type")?.hasPrefix("text/event-stream") ?? false)
            try await waitUntil("the exchange ended", timeout: 10) { summaries.get().count > index }
            let run = try XCTUnwrap(summaries.get()[index].run)
            let stored = try XCTUnwrap(try store.run(id: run.id.value))
            XCTAssertEqual(stored.records.flatMap(\.bytes), response.body, "the client got exactly what was recorded")
            XCTAssertEqual(stored.request.headers.value(for: "Authorization"), "Bearer [redacted]")
            XCTAssertEqual(run.reply.status, .complete, prompt)
        }
        let greeting = try XCTUnwrap(summaries.get()[0].run)
        XCTAssertEqual(greeting.reply.text, "Hi there, this is fakellm streaming word by word.")
        let tool = try XCTUnwrap(summaries.get()[1].run)
        XCTAssertEqual(tool.reply.steps.first?.name, "get_weather")
        XCTAssertEqual(try store.conversationCount(), 2, "OpenAI has no conversation id: each turn is its own")
    }
}
