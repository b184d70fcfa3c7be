import ChatModel

/// Removes credentials from headers and URLs before they are stored or exported.
///
/// Stored runs end up in exports and recordings that people attach to bug reports, so anything that looks like
/// a credential is replaced; the header name stays so the reader still sees that one was sent.
enum Redaction {
    static let marker = "[redacted]"

    /// Header names (lowercased) whose values are always credentials.
    private static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "api-key", "x-api-key", "apikey",
        "x-auth-token", "x-goog-api-key", "ocp-apim-subscription-key",
    ]

    /// Name fragments that mark a header or query parameter as secret.
    private static let secretFragments = ["api-key", "api_key", "apikey", "token", "secret", "password", "auth"]

    static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return secretHeaders.contains(lower) || secretFragments.contains { lower.contains($0) }
    }

    /// The header with its value hidden if it is a credential; an auth scheme word (`Bearer`) is kept.
    static func header(_ field: HTTPHeader) -> HTTPHeader {
        guard isSecret(field.name) else { return field }
        let lower = field.name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization",
           let space = field.value.firstIndex(of: " ") {
            return HTTPHeader(field.name, String(field.value[..<space]) + " " + marker)
        }
        return HTTPHeader(field.name, marker)
    }

    /// The URL with user info and secret-looking query values hidden.
    static func url(_ url: String) -> String {
        var result = url
        if let scheme = result.range(of: "://") {
            let afterScheme = result[scheme.upperBound...]
            let hostEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
            if let at = afterScheme[..<hostEnd].lastIndex(of: "@") {
                result.replaceSubrange(scheme.upperBound..<at, with: marker)
            }
        }
        guard let question = result.firstIndex(of: "?") else { return result }
        let base = result[...question]
        let rest = result[result.index(after: question)...]
        let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
        let pairs = rest[..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "="), isSecret(String(pair[..<equals])) else { return String(pair) }
            return String(pair[...equals]) + marker
        }
        return base + pairs.joined(separator: "&") + rest[fragmentStart...]
    }
}
