import ChatModel
import FixtureServer
import Foundation
import Proxy
import Store
import TestSupport
import Wire
import XCTest

/// `parley proxy`'s server between a raw-socket client and the fixture server, storing into a real SQLite file.
final class ProxyServerTests: XCTestCase {
    private var fixtures: FixtureServer?
    private var upstream = ""
    private var proxy: ProxyServer?
    private var port = 0
    private var folder: URL?
    private var store: SQLiteStore?
    private let summaries = Locked<[ExchangeSummary]>([])

    override func setUp() async throws {
        let (server, base) = try await RunningFixtureServer.start()
        fixtures = server
        upstream = base
        let folder = try TemporaryFolder.make("parley-proxy")
        self.folder = folder
        store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
    }

    override func tearDown() async throws {
        await proxy?.stop()
        await fixtures?.stop()
        folder.map(TemporaryFolder.remove)
    }

    /// Starts the proxy in front of `upstream` (the fixture server unless given), recording into the store.
    private func startProxy(
        kind: String? = nil, options: [String: String] = [:], upstream: String? = nil, record: Bool = true
    ) async throws {
        let summaries = self.summaries
        let recorder = try record ? ProxyRecorder(store: XCTUnwrap(store), profile: nil) : nil
        let proxy = ProxyServer(
            settings: ProxySettings(upstream: upstream ?? self.upstream, kind: kind, options: options), transport: CurlTransport(),
            recorder: recorder
        ) { summary in summaries.mutate { $0.append(summary) } }
        port = try await proxy.start(ListenAddress(host: "127.0.0.1", port: 0))
        self.proxy = proxy
    }

    /// Waits until the proxy has finished (and stored) `count` exchanges.
    private func exchanges(_ count: Int) async throws -> [ExchangeSummary] {
        try await waitUntil("\(count) exchanges ended", timeout: 10) { summaries.get().count >= count }
        return summaries.get()
    }

    private func request(_ path: String, body: String?, method: String = "POST", headers: [(String, String)] = [], to port: Int? = nil)
        async throws -> RawResponse
    {
        let client = try RawHTTPClient(port: port ?? self.port)
        try client.send(method: method, path: path, body: body, headers: headers)
        return try await client.readResponse()
    }

    /// The stored run of a recorded exchange, and its conversation.
    private func storedRun(_ summary: ExchangeSummary) throws -> (run: StoredRun, conversationID: String) {
        let run = try XCTUnwrap(summary.run, "the exchange was recorded: \(summary.line)")
        return (try XCTUnwrap(try store?.run(id: run.id.value)), run.conversationID)
    }

    /// True when the database or its write-ahead log holds `text` anywhere.
    private func databaseFilesContain(_ text: String) throws -> Bool {
        let folder = try XCTUnwrap(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("parley.sqlite") }
        XCTAssertTrue(names.contains("parley.sqlite-wal"), "the journal wrote through the WAL: \(names)")
        return try names.contains { name in
            try Data(contentsOf: folder.appendingPathComponent(name)).range(of: Data(text.utf8)) != nil
        }
    }

    private static let chat = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"hello proxy"}]}"#

    func testStreamReachesTheClientByteForByteAndIsStoredAsARun() async throws {
        try await startProxy()
        let path = "/scenario/openai-tools/v1/chat/completions"
        let direct = try await request(path, body: Self.chat, to: XCTUnwrap(fixtures?.port))
        let proxied = try await request(path, body: Self.chat)
        XCTAssertEqual(proxied.status, 200)
        XCTAssertEqual(proxied.header("Content-Type"), direct.header("Content-Type"))
        XCTAssertEqual(proxied.header("Cache-Control"), direct.header("Cache-Control"))
        XCTAssertEqual(proxied.body, direct.body, "the client gets the server's bytes unchanged")

        let summary = try await exchanges(1)[0]
        let (run, conversationID) = try storedRun(summary)
        XCTAssertEqual(run.records.flatMap(\.bytes), proxied.body, "every byte is a stored record")
        XCTAssertGreaterThan(run.records.count, 3)
        XCTAssertEqual(run.response?.status, 200)
        let transcript = try XCTUnwrap(try store?.transcript(id: conversationID))
        XCTAssertEqual(transcript.conversation.provider, "openai", "the kind is guessed from /chat/completions")
        XCTAssertEqual(transcript.messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(transcript.messages[0].text, "hello proxy")
        XCTAssertEqual(transcript.messages[1].status, .complete)
        XCTAssertEqual(transcript.messages[1].steps.first?.name, "get_weather", "decoded by the OpenAI adapter")
    }

    func testChunksArriveWhileTheServerHoldsTheRestAndAHangUpClosesTheUpstream() async throws {
        try await startProxy()
        let client = try RawHTTPClient(port: port)
        try client.send(path: "/scenario/openai-stall/v1/chat/completions", body: Self.chat)
        // The scenario sends two chunks and a ping, then nothing until the client goes away: the client can
        // only see them if the proxy forwards each chunk as it comes rather than at the end.
        let early = try await client.read { String(decoding: $0, as: UTF8.self).contains(": ping") }
        XCTAssertTrue(String(decoding: early, as: UTF8.self).contains("Thinking about"))
        XCTAssertEqual(fixtures?.openConnectionCount, 1)

        client.close()
        try await waitUntil("the upstream connection closed", timeout: 10) { fixtures?.openConnectionCount == 0 }
        let summary = try await exchanges(1)[0]
        let (run, conversationID) = try storedRun(summary)
        XCTAssertEqual(run.records.filter { $0.kind == .keepAlive }.count, 1)
        let reply = try XCTUnwrap(try store?.transcript(id: conversationID)?.messages.last)
        XCTAssertEqual(reply.text, "Thinking about")
        XCTAssertEqual(reply.status, .cancelled)
        XCTAssertEqual(reply.error?.message, "The client closed its connection; the proxy cancelled the request upstream.")
    }

    func testStoppingTheProxyKeepsWhatArrivedAndSaysWhy() async throws {
        try await startProxy()
        let client = try RawHTTPClient(port: port)
        try client.send(path: "/scenario/openai-stall/v1/chat/completions", body: Self.chat)
        try await client.read { String(decoding: $0, as: UTF8.self).contains(": ping") }
        await proxy?.stop()
        let summary = try await exchanges(1)[0]
        let (run, _) = try storedRun(summary)
        XCTAssertEqual(run.records.filter { $0.kind == .event }.count, 2)
        XCTAssertEqual(summary.run?.reply.status, .cancelled)
        XCTAssertEqual(summary.run?.reply.error?.message, "The proxy was stopped (Ctrl-C) while the exchange was running; what arrived is kept.")
        try await waitUntil("the upstream connection closed", timeout: 10) { fixtures?.openConnectionCount == 0 }
    }

    func testAnUpstreamThatDropsMidStreamDropsTheClient() async throws {
        try await startProxy()
        let client = try RawHTTPClient(port: port)
        try client.send(path: "/scenario/openai-reset/v1/chat/completions", body: Self.chat)
        let bytes = try await client.read { _ in false }
        let response = try XCTUnwrap(RawResponse(bytes: bytes))
        XCTAssertEqual(response.status, 200)
        XCTAssertFalse(response.isComplete, "the body ends without its last chunk, as the upstream's did")
        let (run, conversationID) = try storedRun(try await exchanges(1)[0])
        XCTAssertEqual(run.records.flatMap(\.bytes), response.body)
        let reply = try XCTUnwrap(try store?.transcript(id: conversationID)?.messages.last)
        XCTAssertEqual(reply.status, .interrupted)
    }

    func testRequestHeadersPassExceptHopByHopAndTheStoredRequestIsRedacted() async throws {
        try await startProxy()
        let response = try await request(
            "/scenario/openai-text/v1/chat/completions", body: Self.chat,
            headers: [
                ("Authorization", "Bearer sk-live-secret"), ("X-Client", "mine"), ("Connection", "keep-alive, X-Hop"),
                ("X-Hop", "1"), ("Accept-Encoding", "gzip"),
            ])
        XCTAssertEqual(response.status, 200)
        let received = try XCTUnwrap(fixtures?.receivedRequests.last)
        XCTAssertEqual(received.header("Authorization"), "Bearer sk-live-secret", "the server gets the client's key")
        XCTAssertEqual(received.header("X-Client"), "mine")
        XCTAssertNil(received.header("X-Hop"), "a header Connection names is hop-by-hop")
        XCTAssertNil(received.header("Accept-Encoding"))
        XCTAssertEqual(received.header("Host"), try XCTUnwrap(URL(string: upstream)).host.map { "\($0):\(fixtures?.port ?? 0)" })
        XCTAssertEqual(received.bodyText, Self.chat)

        let (run, conversationID) = try storedRun(try await exchanges(1)[0])
        XCTAssertEqual(run.request.headers.value(for: "Authorization"), "Bearer [redacted]")
        XCTAssertEqual(run.request.url, upstream + "/scenario/openai-text/v1/chat/completions")
        XCTAssertEqual(String(decoding: run.request.body, as: UTF8.self), Self.chat)
        XCTAssertFalse(try databaseFilesContain("sk-live-secret"), "the key never reaches the file")
    }

    func testAKeyHeaderOnlyTheProfileNamesIsRedactedToo() async throws {
        try await startProxy(kind: "hummingbird", options: ["auth_header_name": "X-Bird-Pass"])
        let response = try await request(
            "/bh/invoke", body: #"{"user_message":"hello","chat_session_id":"bh-session-9"}"#,
            headers: [("X-Bird-Pass", "bird-secret-42")])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(fixtures?.receivedRequests.last?.header("X-Bird-Pass"), "bird-secret-42")
        let (run, conversationID) = try storedRun(try await exchanges(1)[0])
        XCTAssertEqual(run.request.headers.value(for: "X-Bird-Pass"), "[redacted]", "declared by the provider for this profile")
        XCTAssertEqual(try store?.conversation(id: conversationID)?.remoteID, "bh-session-9")
        XCTAssertFalse(try databaseFilesContain("bird-secret-42"))
    }

    func testDifyTurnsGroupIntoTheServersConversation() async throws {
        try await startProxy()
        let first = try await request("/v1/chat-messages", body: #"{"query":"chatflow one","conversation_id":"","response_mode":"streaming","user":"u","inputs":{}}"#)
        XCTAssertEqual(first.status, 200)
        let (run, conversationID) = try storedRun(try await exchanges(1)[0])
        let remote = try XCTUnwrap(try store?.conversation(id: conversationID)?.remoteID)
        _ = try await request("/v1/chat-messages", body: #"{"query":"chatflow two","conversation_id":"\#(remote)","response_mode":"streaming","user":"u","inputs":{}}"#)
        let (_, secondConversation) = try storedRun(try await exchanges(2)[1])
        XCTAssertEqual(secondConversation, conversationID, "the second turn continues the same conversation")
        let transcript = try XCTUnwrap(try store?.transcript(id: conversationID))
        XCTAssertEqual(transcript.conversation.provider, "dify")
        XCTAssertEqual(transcript.messages.map(\.text).filter { $0.hasPrefix("chatflow") }, ["chatflow one", "chatflow two"])
        XCTAssertEqual(transcript.messages.filter { $0.role == .assistant }.map(\.status), [.complete, .complete])
        XCTAssertEqual(try store?.conversationCount(), 1)
    }

    func testEveryProviderKindIsGuessedFromItsPath() async throws {
        try await startProxy()
        let turns: [(path: String, body: String, kind: String)] = [
            ("/v1/chat-messages", #"{"query":"hello","conversation_id":"","response_mode":"streaming","user":"u"}"#, "dify"),
            ("/api/v1/sessions/chat", #"{"stream":true,"messages":[{"role":"user","content":{"content_type":"text","parts":["hello"]}}]}"#, "helix"),
            ("/api/v1/compatibility/openai/v1/assistants/agent-1/chat/completions", #"{"stream":true,"messages":[{"role":"user","content":"hello"}],"create_session":true}"#, "pais"),
            ("/bh/invoke", #"{"user_message":"hello","chat_session_id":"bh-session-1"}"#, "hummingbird"),
            ("/v1/chat/completions", #"{"model":"m","stream":true,"messages":[{"role":"user","content":"hello"}]}"#, "openai"),
        ]
        for (index, turn) in turns.enumerated() {
            let response = try await request(turn.path, body: turn.body)
            XCTAssertEqual(response.status, 200, turn.path)
            let summary = try await exchanges(index + 1)[index]
            XCTAssertEqual(summary.kind, turn.kind, turn.path)
            let (run, conversationID) = try storedRun(summary)
            XCTAssertEqual(run.records.flatMap(\.bytes), response.body, "\(turn.kind): records hold the body as sent")
            let transcript = try XCTUnwrap(try store?.transcript(id: conversationID))
            XCTAssertEqual(transcript.conversation.provider, turn.kind)
            XCTAssertEqual(transcript.messages.first?.text, "hello", turn.kind)
            XCTAssertEqual(transcript.messages.last?.status, .complete, "\(turn.kind): \(transcript.messages.last?.error?.message ?? "")")
            XCTAssertFalse(transcript.messages.last?.text.isEmpty ?? true, turn.kind)
        }
    }

    func testErrorsAndBlockingDocumentsPassThroughAndAreRecorded() async throws {
        try await startProxy()
        let direct = try await request("/scenario/openai-error-500/v1/chat/completions", body: Self.chat, to: XCTUnwrap(fixtures?.port))
        let failed = try await request("/scenario/openai-error-500/v1/chat/completions", body: Self.chat)
        XCTAssertEqual(failed.status, 500)
        XCTAssertEqual(failed.body, direct.body)
        let failedSummary = try await exchanges(1)[0]
        let failedRun = try XCTUnwrap(failedSummary.run)
        XCTAssertEqual(failedRun.reply.status, .failed)

        let blocking = try await request("/scenario/openai-blocking/v1/chat/completions", body: Self.chat)
        XCTAssertEqual(blocking.status, 200)
        let (run, conversationID) = try storedRun(try await exchanges(2)[1])
        XCTAssertEqual(run.records.map(\.kind), [.document])
        XCTAssertEqual(run.records[0].bytes, blocking.body)
    }

    func testRequestsThatAreNotTurnsPassThroughUnrecorded() async throws {
        try await startProxy()
        let models = try await request("/v1/models", body: nil, method: "GET")
        XCTAssertEqual(models.status, 200)
        XCTAssertTrue(models.text.contains("\"data\""), models.text)
        let summary = try await exchanges(1)[0]
        XCTAssertNil(summary.kind)
        XCTAssertEqual(try store?.conversationCount(), 0)
    }

    func testAnUnreachableUpstreamIsABadGatewayWithTheReason() async throws {
        try await startProxy(upstream: "http://127.0.0.1:\(try LoopbackPort.free())")
        let response = try await request("/v1/chat/completions", body: Self.chat)
        XCTAssertEqual(response.status, 502)
        XCTAssertTrue(response.text.hasPrefix("parley proxy could not get an answer from http://127.0.0.1:"), response.text)
        let summary = try await exchanges(1)[0]
        let run = try XCTUnwrap(summary.run)
        XCTAssertEqual(run.reply.status, .failed)
    }

    func testAForcedKindDecodesOnlyThatKindsTurns() async throws {
        try await startProxy(kind: "dify")
        _ = try await request("/v1/chat/completions", body: Self.chat)
        let summary = try await exchanges(1)[0]
        XCTAssertNil(summary.kind, "an OpenAI path is not a Dify turn")
        XCTAssertEqual(try store?.conversationCount(), 0)
    }
}
