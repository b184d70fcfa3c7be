import ChatModel
import Foundation
import Wire

/// An in-memory `HTTPTransport` that answers each request from a function of its URL, for paged GET lists.
///
/// `ScriptedTransport` pairs scripts by request body, which GET requests do not have; paging is decided by
/// the query string, so these tests route on the URL instead.
final class RoutedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var urls: [String] = []
    private let answer: @Sendable (URLComponents) -> (status: Int, json: String)

    init(_ answer: @escaping @Sendable (URLComponents) -> (status: Int, json: String)) {
        self.answer = answer
    }

    /// Every URL requested, in order.
    var requested: [String] { lock.withLock { urls } }

    func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall {
        lock.withLock { urls.append(request.url) }
        let (parts, continuation) = AsyncThrowingStream<HTTPStreamPart, any Error>.makeStream()
        let reply = answer(URLComponents(string: request.url) ?? URLComponents())
        continuation.yield(.head(HTTPResponseHead(status: reply.status, headers: [HTTPHeader("Content-Type", "application/json")])))
        continuation.yield(.body(Array(reply.json.utf8)))
        continuation.finish()
        return HTTPCall(parts: parts, cancel: {})
    }
}

extension URLComponents {
    /// The value of one query parameter.
    func query(_ name: String) -> String? {
        queryItems?.first { $0.name == name }?.value
    }
}
