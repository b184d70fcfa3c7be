import ChatModel
import Foundation
import Wire

/// An in-memory `HTTPTransport` that answers each call with the next scripted response that matches it.
///
/// A script can hold its call open after its chunks until the caller cancels, or until `release()`,
/// so tests can observe a run mid-stream without any timing.
public final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    public struct Script: Sendable {
        public var head: HTTPResponseHead
        public var chunks: [[UInt8]]
        public var holdOpen: Bool
        /// When set, the script answers only a request whose body contains this text.
        public var match: String?

        public init(
            status: Int = 200, contentType: String = "text/event-stream", chunks: [String], holdOpen: Bool = false,
            match: String? = nil
        ) {
            self.head = HTTPResponseHead(status: status, headers: [HTTPHeader("Content-Type", contentType)])
            self.chunks = chunks.map { Array($0.utf8) }
            self.holdOpen = holdOpen
            self.match = match
        }
    }

    private let lock = NSLock()
    private var scripts: [Script]
    private var held: [AsyncThrowingStream<HTTPStreamPart, any Error>.Continuation] = []
    private var sent: [HTTPRequest] = []

    public init(_ scripts: [Script]) {
        self.scripts = scripts
    }

    /// The requests received so far, in order.
    public var requests: [HTTPRequest] {
        lock.withLock { sent }
    }

    /// Ends every held call normally, after sending `chunks` on it (a server finishing a reply).
    public func release(sending chunks: [String] = []) {
        let calls = lock.withLock { () -> [AsyncThrowingStream<HTTPStreamPart, any Error>.Continuation] in
            defer { held.removeAll() }
            return held
        }
        for call in calls {
            for chunk in chunks { call.yield(.body(Array(chunk.utf8))) }
            call.finish()
        }
    }

    public func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall {
        let (parts, continuation) = AsyncThrowingStream<HTTPStreamPart, any Error>.makeStream()
        let script: Script? = lock.withLock {
            sent.append(request)
            let body = String(decoding: request.body, as: UTF8.self)
            guard let index = scripts.firstIndex(where: { $0.match.map(body.contains) ?? true }) else { return nil }
            return scripts.remove(at: index)
        }
        guard let script else {
            continuation.finish(throwing: TransportError(kind: .refused, message: "No script left for \(request.url)"))
            return HTTPCall(parts: parts, cancel: {})
        }
        continuation.yield(.head(script.head))
        for chunk in script.chunks { continuation.yield(.body(chunk)) }
        if script.holdOpen {
            lock.withLock { held.append(continuation) }
        } else {
            continuation.finish()
        }
        return HTTPCall(parts: parts) {
            continuation.finish(throwing: TransportError(kind: .cancelled, message: "Cancelled by the user."))
        }
    }
}
