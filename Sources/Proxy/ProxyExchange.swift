import ChatModel
import Foundation
import NIOCore
import NIOHTTP1
import Providers
import Wire

/// One request through the proxy: sent upstream, its response written to the client part by part as it
/// arrives, and, when it is a turn, recorded.
struct ProxyExchange {
    let server: ProxyServer
    let request: HTTPRequestHead
    let body: [UInt8]
    let writer: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    let current: CurrentCall

    init(
        server: ProxyServer, request: HTTPRequestHead, body: [UInt8],
        writer: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, current: CurrentCall
    ) {
        self.server = server
        self.request = request
        self.body = body
        self.writer = writer
        self.current = current
    }

    /// Why a request was cancelled when its client went away.
    static let clientLeft = TransportError(
        kind: .cancelled, message: "The client closed its connection; the proxy cancelled the request upstream.")

    /// Why a request was cancelled when the proxy itself was stopped.
    static let proxyStopped = TransportError(
        kind: .cancelled, message: "The proxy was stopped (Ctrl-C) while the exchange was running; what arrived is kept.")

    /// Why the exchange was cut short when the client's side closed: its hang-up, or the proxy stopping.
    private var closedFailure: TransportError { server.isStopping ? Self.proxyStopped : Self.clientLeft }

    /// Runs the exchange; false when the connection must close afterwards.
    mutating func run() async -> Bool {
        guard request.uri.hasPrefix("/") else {
            await refuse(status: .badRequest, "parley proxy is a reverse proxy: send requests to its own address with a path (/v1/...), not \(request.uri).")
            return false
        }
        let settings = server.settings
        let kind = settings.kind.map { ClientTurn.isTurn(path: request.uri, kind: $0) ? $0 : nil }
            ?? ClientTurn.kind(forPath: request.uri)
        let recordedKind = request.method == .POST ? kind : nil
        let upstream = HTTPRequest(
            method: request.method.rawValue, url: settings.upstream + request.uri,
            headers: ForwardedHeaders.request(request.headers.map { HTTPHeader($0.name, $0.value) }), body: body,
            credentials: (try? ProviderCatalog.credentials(forKind: recordedKind ?? "openai", options: settings.options)) ?? .authorization)
        var recording: ExchangeRecording?
        if let recordedKind, let recorder = server.recorder {
            recording = await recorder.begin(ClientTurn(kind: recordedKind, body: body), request: upstream)
        }
        let started = ProcessInfo.processInfo.systemUptime
        let call = server.transport.start(upstream, options: settings.transportOptions)
        current.set(call)
        var status: Int?
        var failure: TransportError?
        var bytes = 0
        var keepAlive = request.isKeepAlive
        do {
            for try await part in call.parts {
                let time = ProcessInfo.processInfo.systemUptime - started
                switch part {
                case .head(let head):
                    status = head.status
                    if head.headers.value(for: "Content-Length") == nil, request.version.minor == 0 { keepAlive = false }
                    try await send(.head(responseHead(for: head, keepAlive: keepAlive)), call: call)
                    await recording?.head(head, at: time)
                case .body(let chunk):
                    bytes += chunk.count
                    try await send(.body(.byteBuffer(ByteBuffer(bytes: chunk))), call: call)
                    await recording?.body(chunk, at: time)
                }
            }
        } catch let error as TransportError {
            // Only the proxy cancels: for its client's hang-up, or because it is stopping.
            failure = error.kind == .cancelled ? closedFailure : error
        } catch {
            failure = closedFailure
        }
        // Stopping the proxy cancels this task, which ends the parts without an error.
        if failure == nil, Task.isCancelled || current.clientHasLeft { failure = closedFailure }
        current.set(nil)
        let finished = ProcessInfo.processInfo.systemUptime - started
        if failure == nil {
            keepAlive = await sendEnd() && keepAlive
        } else if status == nil, let failure, !current.clientHasLeft {
            status = 502
            await refuse(status: .badGateway, "parley proxy could not get an answer from \(settings.upstream): \(failure.message)")
            keepAlive = false
        } else {
            keepAlive = false
        }
        let run = await recording?.finish(at: finished, error: failure)
        server.onExchange(ExchangeSummary(
            method: request.method.rawValue, path: request.uri, status: status, bytes: bytes, seconds: finished,
            kind: recordedKind, run: run, failure: failure))
        return keepAlive
    }

    /// Writes a part to the client; a client that is gone cancels the upstream call.
    private func send(_ part: HTTPServerResponsePart, call: HTTPCall) async throws {
        do {
            try await writer.write(part)
        } catch {
            current.clientLeft()
            call.cancel()
            throw error
        }
    }

    private func sendEnd() async -> Bool {
        do {
            try await writer.write(.end(nil))
            return true
        } catch {
            return false
        }
    }

    private func responseHead(for head: Wire.HTTPResponseHead, keepAlive: Bool) -> NIOHTTP1.HTTPResponseHead {
        var headers = HTTPHeaders(ForwardedHeaders.response(head.headers).map { ($0.name, $0.value) })
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        return NIOHTTP1.HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: head.status), headers: headers)
    }

    /// Answers the client itself, with a plain-text message, when no upstream answer can be passed on.
    private func refuse(status: HTTPResponseStatus, _ message: String) async {
        let text = Array((message + "\n").utf8)
        let headers = HTTPHeaders([
            ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "\(text.count)"), ("Connection", "close"),
        ])
        try? await writer.write(.head(NIOHTTP1.HTTPResponseHead(version: request.version, status: status, headers: headers)))
        try? await writer.write(.body(.byteBuffer(ByteBuffer(bytes: text))))
        try? await writer.write(.end(nil))
    }
}

/// What one exchange came to, for the proxy's log line.
public struct ExchangeSummary: Sendable {
    public var method: String
    /// The path and query as the client sent them.
    public var path: String
    /// The status the client received; nil when none was sent.
    public var status: Int?
    /// Body bytes passed to the client.
    public var bytes: Int
    public var seconds: Double
    /// The provider kind the turn was recorded as; nil when it was not a turn and was only passed through.
    public var kind: String?
    /// The stored run, for a recorded turn.
    public var run: RunLog?
    public var failure: TransportError?

    /// One line for the proxy's standard output (not yet sanitized).
    public var line: String {
        var text = "\(method) \(path) → \(status.map(String.init) ?? "no answer")  \(bytes) bytes  "
            + String(format: "%.3f s", seconds)
        if let run, let kind {
            let records = run.recordCount == 1 ? "1 record" : "\(run.recordCount) records"
            text += "  \(kind) · \(records) · \(run.reply.status.rawValue) · conversation \(run.conversationID.prefix(8))"
        } else {
            text += kind.map { "  \($0) turn, not stored" } ?? "  (passed through, not a turn)"
        }
        if let failure { text += "  — \(failure.message)" }
        return text
    }
}
