import ChatModel
import Foundation

/// Removes credentials from headers, URLs and bodies before they are stored or exported.
///
/// Stored runs end up in exports and recordings that people attach to bug reports, so what the provider declared
/// as a credential (`CredentialFields`), and anything the usual names mark as one, is replaced; the header name
/// stays so the reader still sees that one was sent.
public enum Redaction {
    public static let marker = CredentialFields.redactionMarker

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

    /// A response header, or one no provider declared, with its value hidden if it looks like a credential.
    static func header(_ field: HTTPHeader) -> HTTPHeader { header(field, declared: .none) }

    /// The header with its value hidden if it is declared or looks like a credential; an auth scheme word
    /// (`Bearer`) is kept.
    public static func header(_ field: HTTPHeader, declared: CredentialFields) -> HTTPHeader {
        guard declared.declares(header: field.name) || isSecret(field.name) else { return field }
        let lower = field.name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization",
           let space = field.value.firstIndex(of: " ") {
            return HTTPHeader(field.name, String(field.value[..<space]) + " " + marker)
        }
        return HTTPHeader(field.name, marker)
    }

    /// The URL with user info and secret-looking query values hidden.
    public static func url(_ url: String, declared: CredentialFields = .none) -> String {
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
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = String(pair[..<equals])
            let decoded = name.removingPercentEncoding ?? name
            guard declared.declares(queryParameter: decoded) || isSecret(decoded) else { return String(pair) }
            return String(pair[...equals]) + marker
        }
        return base + pairs.joined(separator: "&") + rest[fragmentStart...]
    }

    /// The body with each declared JSON field's string value replaced by `[redacted]`, all other bytes as sent.
    /// A body whose declared field cannot be found in its bytes is withheld whole rather than risk the secret.
    public static func body(_ body: [UInt8], declared: CredentialFields) -> [UInt8] {
        guard !declared.bodyFields.isEmpty, !body.isEmpty else { return body }
        guard let json = try? JSONReader.parse(body) else { return withheld }
        var result = body
        for path in declared.bodyFields {
            var value: JSONValue? = json
            for key in path.split(separator: ".") { value = value?[String(key)] }
            guard let value else { continue }
            guard let secret = value.stringValue else { return withheld }
            let quoted = Array(("\"" + JSONLine.escape(secret) + "\"").utf8)
            let replacement = Array(("\"" + marker + "\"").utf8)
            guard let replaced = replacing(quoted, with: replacement, in: result) else { return withheld }
            result = replaced
        }
        return result
    }

    private static let withheld = Array("[body withheld: it carries a credential Parley could not redact]".utf8)

    /// `bytes` with every occurrence of `target` replaced; `nil` when there is none.
    private static func replacing(_ target: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8]? {
        guard !target.isEmpty, bytes.count >= target.count else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var found = false
        while index < bytes.count {
            if index + target.count <= bytes.count, bytes[index..<(index + target.count)].elementsEqual(target) {
                out.append(contentsOf: replacement)
                index += target.count
                found = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return found ? out : nil
    }
}
