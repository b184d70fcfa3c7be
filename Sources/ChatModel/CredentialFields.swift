/// Where a request carries credentials: the header names, query parameters and body fields a provider put
/// a key or token in.
///
/// Providers declare it with every request they build, and the store redacts exactly these (besides a
/// conservative list of usual names), so a key in a custom header (`X-Bird-Key`) is hidden as surely as an
/// `Authorization` header. Names match without regard to case; a body field is a dotted path into a JSON
/// object body (`auth.token`).
public struct CredentialFields: Sendable, Equatable {
    public var headers: [String]
    public var queryParameters: [String]
    public var bodyFields: [String]

    public init(headers: [String] = [], queryParameters: [String] = [], bodyFields: [String] = []) {
        self.headers = headers
        self.queryParameters = queryParameters
        self.bodyFields = bodyFields
    }

    /// What a stored credential's value is replaced by; a `curl` copy puts an environment variable in its place.
    public static let redactionMarker = "[redacted]"

    /// No declared credentials (the conservative default list still applies).
    public static let none = CredentialFields()

    /// The usual `Authorization: Bearer …`.
    public static let authorization = CredentialFields(headers: ["Authorization"])

    public var isEmpty: Bool { headers.isEmpty && queryParameters.isEmpty && bodyFields.isEmpty }

    public func declares(header name: String) -> Bool {
        let wanted = name.lowercased()
        return headers.contains { $0.lowercased() == wanted }
    }

    public func declares(queryParameter name: String) -> Bool {
        let wanted = name.lowercased()
        return queryParameters.contains { $0.lowercased() == wanted }
    }
}
