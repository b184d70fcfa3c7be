import CCurl

/// The host and port of a request URL, read with libcurl's own URL parser.
///
/// Using libcurl's parser means a URL is rejected here exactly when libcurl would reject it, and messages
/// can name the `host:port` the user wrote.
struct CurlURL {
    let host: String
    let port: Int
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    init(_ url: String) throws {
        guard let parsed = curl_url() else {
            throw TransportError(kind: .other, message: "libcurl could not parse a URL (out of memory).")
        }
        defer { curl_url_cleanup(parsed) }
        let invalid = TransportError(
            kind: .invalidRequest,
            message: "\"\(url)\" is not a valid http(s) URL. Check the base URL in your endpoint settings.")
        guard curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK else { throw invalid }
        guard let scheme = Self.part(parsed, CURLUPART_SCHEME, flags: 0)?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = Self.part(parsed, CURLUPART_HOST, flags: 0),
            let port = Self.part(parsed, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) })
        else { throw invalid }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = port
    }

    private static func part(_ parsed: OpaquePointer, _ which: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
