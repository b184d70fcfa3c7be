/// Why a turn failed, in words a user can act on, with what the server actually sent.
public struct ProviderError: Error, Sendable, Equatable, Codable {
    /// Where the failure came from.
    public enum Kind: String, Sendable, Codable {
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
    }

    public var kind: Kind
    /// HTTP status, when there was one.
    public var status: Int?
    /// The provider's own error code (`invalid_param`, `rate_limit_exceeded`, …).
    public var code: String?
    public var message: String

    public init(kind: Kind, status: Int? = nil, code: String? = nil, message: String) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
    }
}

extension ProviderError: CustomStringConvertible {
    public var description: String {
        var head = kind.rawValue
        if let status { head += " \(status)" }
        if let code, !code.isEmpty { head += " \(code)" }
        return "\(head): \(message)"
    }
}
