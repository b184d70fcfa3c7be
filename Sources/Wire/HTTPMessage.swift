import ChatModel

/// A request as a provider builds it and a transport sends it.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Which headers, query parameters and body fields carry credentials, as the provider declares them;
    /// the store, recordings and exports redact them.
    public var credentials: CredentialFields

    public init(
        method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [],
        credentials: CredentialFields = .none
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }
}

/// Status and headers of a response, known before its body.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: [HTTPHeader]

    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// True when the body is an event stream: a 2xx status and a `text/event-stream` content type.
    public var isEventStream: Bool {
        guard (200..<300).contains(status) else { return false }
        return headers.value(for: "Content-Type")?.lowercased().hasPrefix("text/event-stream") ?? false
    }
}

/// What a transport delivers for one call: the head once, then body chunks as they arrive.
public enum HTTPStreamPart: Sendable, Equatable {
    case head(HTTPResponseHead)
    case body([UInt8])
}

/// Limits for one call.
public struct TransportOptions: Sendable, Equatable {
    /// Seconds allowed to establish the connection (and TLS).
    public var connectTimeout: Double
    /// Seconds allowed without receiving any byte, once connected; every byte resets it.
    public var idleTimeout: Double
    /// A PEM file of CA certificates to trust instead of the system's (a profile's `ca_file`); without it,
    /// `CURL_CA_BUNDLE` or `SSL_CERT_FILE` from the environment, else the system bundle.
    public var caFile: String?
    /// Skip TLS certificate and host name checks (a profile's `insecure_skip_tls_verify`).
    public var skipTLSVerify: Bool
    /// How much of one response may be held at once (one event, one whole body).
    public var limits: ResponseLimits
    /// Follow redirects within the request's origin (the default); when false a 3xx is the response, as a
    /// proxy must hand it to its client.
    public var followRedirects: Bool

    public init(
        connectTimeout: Double = 10, idleTimeout: Double = 60, caFile: String? = nil, skipTLSVerify: Bool = false,
        limits: ResponseLimits = ResponseLimits(), followRedirects: Bool = true
    ) {
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.caFile = caFile
        self.skipTLSVerify = skipTLSVerify
        self.limits = limits
        self.followRedirects = followRedirects
    }
}

/// Why a call failed below HTTP: the connection, not the server's answer.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case dns
        case refused
        case tls
        case connectTimeout = "connect_timeout"
        case idleTimeout = "idle_timeout"
        /// The connection dropped mid-response.
        case reset
        case cancelled
        case invalidRequest = "invalid_request"
        /// A redirect Parley refused to follow: to another origin, from https to http, or to another scheme.
        case redirect
        case other
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension HTTPRequest {
    /// `host:port` of the request's URL as libcurl reads it, for messages; `nil` for a URL libcurl refuses.
    public var endpoint: String? { try? CurlURL(url).endpoint }
}

/// One in-flight HTTP call: its parts as an async sequence, and a cancel that lands at once.
public final class HTTPCall: Sendable {
    /// The head, then body chunks; ends normally at the end of the body or throws `TransportError`.
    public let parts: HTTPParts
    private let cancelAction: @Sendable () -> Void

    /// `taken` hears the size of each body chunk as the consumer takes it, so a transport can stop reading
    /// from the socket while the consumer is behind and memory stays bounded however long the body is.
    /// `observe` hears each part, the end and any error as the consumer meets them (the debug log's hook).
    public init(
        parts: AsyncThrowingStream<HTTPStreamPart, any Error>, cancel: @escaping @Sendable () -> Void,
        taken: @escaping @Sendable (Int) -> Void = { _ in }, observe: (@Sendable (HTTPCallProgress) -> Void)? = nil
    ) {
        self.parts = HTTPParts(stream: parts, taken: taken, observe: observe)
        self.cancelAction = cancel
    }

    /// Stops the call; `parts` then throws a `.cancelled` error. Safe to call more than once, from anywhere.
    public func cancel() { cancelAction() }
}

/// Something that can carry an HTTP call: libcurl in the app, anything scripted in tests.
public protocol HTTPTransport: Sendable {
    func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall
}

/// The parts of a call, reporting each body chunk's size to the transport as it is taken.
public struct HTTPParts: AsyncSequence, Sendable {
    public typealias Element = HTTPStreamPart
    let stream: AsyncThrowingStream<HTTPStreamPart, any Error>
    let taken: @Sendable (Int) -> Void
    let observe: (@Sendable (HTTPCallProgress) -> Void)?

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<HTTPStreamPart, any Error>.AsyncIterator
        let taken: @Sendable (Int) -> Void
        let observe: (@Sendable (HTTPCallProgress) -> Void)?

        public mutating func next() async throws -> HTTPStreamPart? {
            guard let observe else {
                let part = try await base.next()
                if case .body(let bytes)? = part { taken(bytes.count) }
                return part
            }
            do {
                let part = try await base.next()
                if case .body(let bytes)? = part { taken(bytes.count) }
                observe(part.map(HTTPCallProgress.part) ?? .ended)
                return part
            } catch {
                observe(.failed(error))
                throw error
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), taken: taken, observe: observe)
    }
}

/// What a call's consumer met next, for an observer such as the debug log.
public enum HTTPCallProgress: Sendable {
    case part(HTTPStreamPart)
    case ended
    case failed(any Error)
}
