import CCurl

/// The host and port of a request URL, read with libcurl's own URL parser.
///
/// Using libcurl's parser means a URL is rejected here exactly when libcurl would reject it, and messages
/// can name the `host:port` the user wrote.
struct CurlURL {
    let scheme: String
    let host: String
    let port: Int
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    /// Scheme, host and port, as a person reads an origin: `https://api.example.com:443`.
    var origin: String { "\(scheme)://\(endpoint)" }

    init(_ url: String) throws {
        guard let parsed = curl_url() else {
            throw TransportError(kind: .other, message: "libcurl could not parse a URL (out of memory).")
        }
        defer { curl_url_cleanup(parsed) }
        let invalid = TransportError(
            kind: .invalidRequest,
            message: "\"\(Self.withoutSecrets(url))\" is not a valid http(s) URL. Check the base URL in your endpoint settings.")
        guard curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK else { throw invalid }
        guard let scheme = Self.part(parsed, CURLUPART_SCHEME, flags: 0)?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = Self.part(parsed, CURLUPART_HOST, flags: 0),
            let port = Self.part(parsed, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) })
        else { throw invalid }
        self.scheme = scheme
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = port
    }

    /// The URL as a message may show it: without user info or query, where credentials hide.
    static func withoutSecrets(_ url: String) -> String {
        var shown = Substring(url)
        if let query = shown.firstIndex(where: { $0 == "?" || $0 == "#" }) { shown = shown[..<query] + "?…" }
        if let scheme = shown.range(of: "://") {
            let rest = shown[scheme.upperBound...]
            let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[..<hostEnd].lastIndex(of: "@") { shown.removeSubrange(scheme.upperBound...at) }
        }
        return String(shown)
    }

    /// `reference` (a `Location` value, absolute or relative) resolved against `base`, as libcurl resolves it;
    /// `nil` when libcurl cannot make a URL of it.
    static func resolve(_ reference: String, against base: String) -> String? {
        guard let parsed = curl_url() else { return nil }
        defer { curl_url_cleanup(parsed) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(parsed, CURLUPART_URL, base, flags) == CURLUE_OK,
            curl_url_set(parsed, CURLUPART_URL, reference, flags) == CURLUE_OK
        else { return nil }
        return part(parsed, CURLUPART_URL, flags: 0)
    }

    /// The scheme of an absolute URL, lowercased, without parsing the rest.
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return scheme.lowercased()
    }

    private static func part(_ parsed: OpaquePointer, _ which: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
