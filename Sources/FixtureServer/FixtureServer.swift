import ChatModel
import HTTPListener
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on a loopback address that answers from a `ScenarioLibrary`.
///
/// Tests and `parley serve-fixtures` use it to get every supported wire behaviour and fault from a server
/// that speaks real TCP, so the transport under test is the one users run. It records what it received.
public final class FixtureServer: Sendable {
    private struct State {
        var listener: HTTPListener?
        var port: Int?
        var requests: [RecordedRequest] = []
    }

    public let library: ScenarioLibrary
    private let state = Mutex(State())

    public init(library: ScenarioLibrary) {
        self.library = library
    }

    /// Every request received so far, oldest first.
    public var receivedRequests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// Connections currently open; tests use it to see that a client really hung up.
    public var openConnectionCount: Int {
        state.withLock { $0.listener }?.openConnectionCount ?? 0
    }

    /// The bound port while running.
    public var port: Int? {
        state.withLock { $0.port }
    }

    /// Binds and starts answering; port 0 picks a free port. Returns the bound port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        let listener = HTTPListener { [self] in await serve($0) }
        let bound = try await listener.start(host: host, port: port)
        state.withLock {
            $0.listener = listener
            $0.port = bound
        }
        return bound
    }

    /// Closes the listener and every open connection, including stalled ones, and waits until all ended.
    public func stop() async {
        let listener = state.withLock { state in
            defer {
                state.listener = nil
                state.port = nil
            }
            return state.listener
        }
        await listener?.stop()
    }

    private func serve(_ connection: HTTPListener.Connection) async {
        let channel = connection.channel
        try? await connection.executeThenClose { inbound, _ in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body = []
                case .body(var buffer):
                    body += buffer.readBytes(length: buffer.readableBytes) ?? []
                case .end:
                    guard let head else { continue }
                    if try await respond(to: head, body: body, on: channel) == .closed { return }
                }
            }
        }
    }

    private func respond(to head: HTTPRequestHead, body: [UInt8], on channel: any Channel) async throws
        -> ScenarioPlayer.Outcome
    {
        let request = RecordedRequest(
            method: head.method.rawValue, path: head.uri,
            headers: head.headers.map { ScenarioHeader(name: $0.name, value: $0.value) }, body: body)
        state.withLock { $0.requests.append(request) }
        let prompt = request.prompt
        let json = request.json
        switch library.select(method: request.method, path: request.path, prompt: prompt, body: json) {
        case .scenario(let scenario):
            return try await ScenarioPlayer(scenario: scenario, prompt: prompt, requestBody: json, channel: channel).play()
        case .notFound(let message):
            let json = #"{"error":{"message":""# + JSONValue.escape(message) + #"","type":"not_found"}}"#
            let notFound = try Scenario(json: .object([
                ("name", .string("not-found")),
                ("route", .object([("method", .string(request.method)), ("path", .string("/"))])),
                ("status", .number("404")),
                ("headers", .object([("Content-Type", .string("application/json"))])),
                ("events", .array([.object([("raw", .string(json))])])),
            ]), source: "built-in 404")
            return try await ScenarioPlayer(scenario: notFound, prompt: "", requestBody: nil, channel: channel).play()
        }
    }
}
