/// Why a turn failed, in words a user can act on, with what the server actually sent.
public struct ProviderError: Error, Sendable, Equatable {
    /// Where the failure came from.
    public enum Kind: String, Sendable {
        /// The server answered with an error status before any stream.
        case http
        /// The stream itself carried an error event.
        case stream
        /// The connection failed: DNS, refused, TLS, timeout, reset.
        case transport
        /// The stream ended without the provider's end marker.
        case interrupted
        /// The user cancelled.
        case cancelled
        /// The bytes could not be understood.
        case decoding
        /// The response passed one of Parley's limits (`max_event_size`, `max_body_size`).
        case limit
    }

    public var kind: Kind
    /// HTTP status, when there was one.
    public var status: Int?
    /// The provider's own error code (`invalid_param`, `rate_limit_exceeded`, …).
    public var code: String?
    public var message: String
    /// `host:port` that answered, for HTTP errors.
    public var endpoint: String?
    /// The server's `Retry-After`, as sent (seconds or a date).
    public var retryAfter: String?

    public init(
        kind: Kind, status: Int? = nil, code: String? = nil, message: String, endpoint: String? = nil,
        retryAfter: String? = nil
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.endpoint = endpoint
        self.retryAfter = retryAfter
    }
}

extension ProviderError: CustomStringConvertible {
    /// One line for a terminal: `HTTP 404 (not_found): … (from host:port)`, `Stream error (code): …`, or the
    /// message alone.
    public var description: String {
        let shownCode = code.flatMap { $0.isEmpty || $0 == status.map(String.init) ? nil : " (\($0))" } ?? ""
        switch kind {
        case .http:
            var line = "HTTP \(status.map(String.init) ?? "error")\(shownCode): \(message)"
            if let endpoint { line += " (from \(endpoint))" }
            if let retryAfter { line += "; the server asks to retry after " + (Int(retryAfter) != nil ? "\(retryAfter) s" : retryAfter) }
            return line
        case .stream: return "Stream error\(shownCode): \(message)"
        case .decoding: return message + (endpoint.map { " (from \($0))" } ?? "")
        default: return message
        }
    }
}
