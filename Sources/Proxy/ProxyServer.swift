import ChatModel
import HTTPListener
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Wire

/// A recording reverse proxy: clients talk to it as to the upstream server, and it passes every exchange
/// through byte for byte while `ProxyRecorder` stores the turns.
///
/// The listener is SwiftNIO; the upstream side is the app's libcurl transport (DECISIONS.md says why). Each
/// body part goes to the client as soon as libcurl hands it over, before it is recorded, so recording never
/// delays a chunk. A client that hangs up cancels its upstream request.
public final class ProxyServer: Sendable {
    typealias Connection = HTTPListener.Connection

    let settings: ProxySettings
    let transport: any HTTPTransport
    let recorder: ProxyRecorder?
    let onExchange: @Sendable (ExchangeSummary) -> Void
    private let listener = Mutex<HTTPListener?>(nil)

    /// `recorder` nil passes exchanges through without storing them. `onExchange` hears of each exchange as
    /// it ends, on the connection's task.
    public init(
        settings: ProxySettings, transport: any HTTPTransport, recorder: ProxyRecorder?,
        onExchange: @escaping @Sendable (ExchangeSummary) -> Void = { _ in }
    ) {
        self.settings = settings
        self.transport = transport
        self.recorder = recorder
        self.onExchange = onExchange
    }

    /// Binds and starts accepting; port 0 picks a free port. Returns the bound port.
    public func start(_ address: ListenAddress) async throws -> Int {
        let listener = HTTPListener { [self] in await serve($0) }
        let bound = try await listener.start(host: address.host, port: address.port)
        self.listener.withLock { $0 = listener }
        return bound
    }

    /// True once `stop` began: connections closing now are the proxy's doing, not their clients'.
    var isStopping: Bool { listener.withLock { $0 }?.isStopping ?? false }

    /// Stops listening, closes every client connection (cancelling its upstream request) and waits for all.
    public func stop() async {
        await listener.withLock { $0 }?.stop()
    }

    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        let current = CurrentCall()
        channel.closeFuture.whenComplete { _ in current.clientLeft() }
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body = []
                    if received.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                        // The body is read whole before it goes upstream, so the client may send it at once.
                        try await outbound.write(.head(HTTPResponseHead(version: received.version, status: .continue)))
                    }
                case .body(var buffer):
                    body += buffer.readBytes(length: buffer.readableBytes) ?? []
                case .end:
                    guard let request = head else { continue }
                    head = nil
                    var exchange = ProxyExchange(server: self, request: request, body: body, writer: outbound, current: current)
                    guard await exchange.run() else { return }
                }
            }
        }
    }
}

/// How the proxy reaches its upstream and what it records.
public struct ProxySettings: Sendable, Equatable {
    /// The upstream's root URL; a request's path and query are appended to it.
    public var upstream: String
    /// The provider kind every turn is decoded as; nil guesses it from each request's path.
    public var kind: String?
    /// A profile's provider options (Big Hummingbird's `auth_header_name` names a credential header).
    public var options: [String: String]
    public var transportOptions: TransportOptions

    public init(upstream: String, kind: String? = nil, options: [String: String] = [:], transportOptions: TransportOptions = TransportOptions()) {
        var root = upstream
        while root.hasSuffix("/") { root.removeLast() }
        self.upstream = root
        self.kind = kind
        self.options = options
        var transport = transportOptions
        transport.followRedirects = false
        self.transportOptions = transport
    }
}

/// The upstream call a connection is waiting on, cancelled when the client goes away.
final class CurrentCall: Sendable {
    private let state = Mutex<(call: HTTPCall?, left: Bool)>((nil, false))

    /// Sets the call in progress (nil when it ended); a call set after the client left is cancelled at once.
    func set(_ call: HTTPCall?) {
        let left = state.withLock { state in
            state.call = call
            return state.left
        }
        if left { call?.cancel() }
    }

    /// True once the client's connection closed.
    var clientHasLeft: Bool { state.withLock(\.left) }

    func clientLeft() {
        let call = state.withLock { state in
            state.left = true
            return state.call
        }
        call?.cancel()
    }
}
