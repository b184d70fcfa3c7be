import ChatModel
import Foundation
import Wire

/// An HTTP transport that replays recorded response bytes, for testing the loop without a network.
///
/// With `holdOpen` the response stays open after its chunks until the call is cancelled, like a model
/// that is still thinking.
final class ReplayTransport: HTTPTransport, @unchecked Sendable {
    let head: HTTPResponseHead
    let chunks: [[UInt8]]
    let holdOpen: Bool
    private let lock = NSLock()
    private var requests: [HTTPRequest] = []

    init(status: Int = 200, contentType: String = "text/event-stream", chunks: [[UInt8]], holdOpen: Bool = false) {
        head = HTTPResponseHead(status: status, headers: [HTTPHeader("Content-Type", contentType)])
        self.chunks = chunks
        self.holdOpen = holdOpen
    }

    /// The requests sent so far.
    var sent: [HTTPRequest] { lock.withLock { requests } }

    func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall {
        lock.withLock { requests.append(request) }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: HTTPStreamPart.self, throwing: (any Error).self)
        continuation.yield(.head(head))
        for chunk in chunks { continuation.yield(.body(chunk)) }
        if !holdOpen { continuation.finish() }
        return HTTPCall(parts: stream) {
            continuation.finish(throwing: TransportError(kind: .cancelled, message: "Cancelled by the user."))
        }
    }

    /// Bytes cut into pieces of `size`, as a network might deliver them.
    static func pieces(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
    }
}
