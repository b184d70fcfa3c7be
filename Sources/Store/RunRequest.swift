import ChatModel

/// The HTTP request of a run as the store keeps it: method, URL, headers and body.
///
/// The store does not import Wire, so the session layer maps its `HTTPRequest` into this. Secrets are removed
/// by `redacted()`, which the store applies before anything reaches the file.
public struct RunRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Where the provider put credentials; redacted together with the usual names. Not stored: a stored
    /// request is already redacted.
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

    /// The request with its declared credentials, and anything the usual names mark as one, replaced by
    /// `[redacted]`: headers, query parameters, user info in the URL, and declared JSON body fields.
    public func redacted() -> RunRequest {
        RunRequest(
            method: method, url: Redaction.url(url, declared: credentials),
            headers: headers.map { Redaction.header($0, declared: credentials) },
            body: Redaction.body(body, declared: credentials), credentials: credentials)
    }
}

/// The response status and headers of a run, and when they arrived (seconds after the request went out).
public struct ResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var receivedAt: Double

    public init(status: Int, headers: [HTTPHeader], receivedAt: Double) {
        self.status = status
        self.headers = headers
        self.receivedAt = receivedAt
    }
}
