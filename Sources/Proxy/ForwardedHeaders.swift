import ChatModel

/// Which headers cross the proxy: everything but the hop-by-hop ones (RFC 9110 section 7.6.1), which describe
/// one connection and not the exchange.
enum ForwardedHeaders {
    /// Hop-by-hop headers, lowercased; `Connection` may name more.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// Request headers that libcurl sets itself for the upstream request: `Host` (from the upstream URL),
    /// the body's length, and `Expect`. `Accept-Encoding` is dropped so the upstream sends identity bytes:
    /// the recording must be readable, and every client reads an uncompressed body (DECISIONS.md).
    static let setUpstream: Set<String> = ["host", "content-length", "expect", "accept-encoding"]

    /// The client's request headers as sent upstream.
    static func request(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        let dropped = hopByHop.union(setUpstream).union(named(by: headers))
        return headers.filter { !dropped.contains($0.name.lowercased()) }
    }

    /// The upstream's response headers as sent to the client. `Content-Length` stays: the body passes
    /// unchanged; without it the listener frames the body in chunks itself.
    static func response(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        let dropped = hopByHop.union(named(by: headers))
        return headers.filter { !dropped.contains($0.name.lowercased()) }
    }

    /// Header names the `Connection` header lists as hop-by-hop for this connection.
    private static func named(by headers: [HTTPHeader]) -> Set<String> {
        Set(headers.filter { $0.name.lowercased() == "connection" }.flatMap {
            $0.value.split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        })
    }
}
