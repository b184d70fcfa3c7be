import CCurl

/// An `HTTPTransport` on libcurl's multi interface, driven by one dedicated network thread.
///
/// All calls of one transport share that thread, which waits in `curl_multi_poll`; handing it a request or a
/// cancel wakes it at once, so a cancel or an idle timeout lands within milliseconds instead of after a
/// blocking read. Responses pass through byte for byte: no `Accept-Encoding` is sent, so nothing is
/// decompressed. Redirects within the request's origin are followed (up to 10) and only the final status and
/// headers are delivered; a redirect to another origin, from https to http or to another scheme ends the call
/// with a `.redirect` error (`RedirectCheck`), so credentials never travel to a server nobody named. Proxy
/// environment variables (`http_proxy`, `https_proxy`, `no_proxy`, …) apply as they do for the `curl` tool.
/// Certificates are verified against `TransportOptions.caFile`, else `CURL_CA_BUNDLE`, else `SSL_CERT_FILE`,
/// else the system's bundle, unless the options skip verification. A consumer that falls behind pauses the transfer
/// (TCP then holds the server back), so at most about `CurlTransfer.highWater` bytes wait in memory.
public final class CurlTransport: HTTPTransport {
    private let loop: CurlLoop

    /// Starts the network thread; it lives until this transport is released and its last call has ended.
    public init() {
        loop = CurlLoop()
    }

    deinit {
        loop.stopWhenIdle()
    }

    public func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall {
        let (parts, continuation) = AsyncThrowingStream<HTTPStreamPart, any Error>.makeStream()
        let observe = TransportLogging.observer(for: request)
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(request: request, options: options, continuation: continuation)
        } catch {
            continuation.finish(throwing: error)
            return HTTPCall(parts: parts, cancel: {}, observe: observe)
        }
        let loop = self.loop
        let id = transfer.id
        let cancelled = TransportError(kind: .cancelled, message: "The request to \(transfer.endpoint) was cancelled.")
        continuation.onTermination = { termination in
            if case .cancelled = termination { loop.cancel(id) }
        }
        loop.submit(transfer)
        return HTTPCall(
            parts: parts,
            cancel: {
                continuation.finish(throwing: cancelled)
                loop.cancel(id)
            },
            taken: { count in
                if transfer.take(count) { loop.resume(id) }
            },
            observe: observe)
    }
}
