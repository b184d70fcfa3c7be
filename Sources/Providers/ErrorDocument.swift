import ChatModel
import Foundation

/// Reads an error body that arrived instead of a stream: JSON of any common shape, or plain text.
///
/// Shapes understood: OpenAI `{"error":{"message","type","code"}}`, `{"error":"text"}`, Dify
/// `{"code","message","status"}`, FastAPI `{"detail":"text"}` and `{"detail":[{loc,msg,type}]}`.
public enum ErrorDocument {
    public static func providerError(status: Int, body: [UInt8]) -> ProviderError {
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let fallback = text.isEmpty
            ? "The server answered HTTP \(status) with an empty body."
            : htmlTitle(text).map { "\($0) (an HTML error page, likely from a proxy or the web server in front of the API)" } ?? text
        guard let json = JSONObject(bytes: body) else {
            return ProviderError(kind: .http, status: status, message: fallback)
        }
        if let error = json.object("error") {
            let code = error.string("code") ?? error.string("type")
            return ProviderError(kind: .http, status: status, code: code, message: error.string("message") ?? fallback)
        }
        if let message = json.string("error") {
            return ProviderError(kind: .http, status: status, message: message)
        }
        if let message = json.string("message") {
            return ProviderError(kind: .http, status: status, code: json.string("code"), message: message)
        }
        if let detail = json.string("detail") {
            return ProviderError(kind: .http, status: status, message: detail)
        }
        let fieldErrors = json.objects("detail").map(describeFieldError)
        if !fieldErrors.isEmpty {
            return ProviderError(
                kind: .http, status: status, code: "validation_error",
                message: "The server rejected the request: " + fieldErrors.joined(separator: "; "))
        }
        return ProviderError(kind: .http, status: status, message: fallback)
    }

    /// The title of an HTML page (or its first heading), so an error page reads as one line, not markup.
    static func htmlTitle(_ text: String) -> String? {
        let start = text.prefix(64).lowercased()
        guard start.hasPrefix("<!doctype html") || start.hasPrefix("<html") else { return nil }
        for tag in ["title", "h1"] {
            guard let open = text.range(of: "<\(tag)", options: .caseInsensitive),
                  let close = text.range(of: "</\(tag)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex),
                  let end = text.range(of: ">", range: open.upperBound..<close.lowerBound)
            else { continue }
            let title = text[end.upperBound..<close.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !title.isEmpty { return title }
        }
        return "An HTML page without a title"
    }

    /// One FastAPI field error as `messages[0].role: message`; the leading `body`/`query` part is dropped.
    static func describeFieldError(_ item: JSONObject) -> String {
        var path = ""
        for (i, part) in item.values("loc").enumerated() {
            if case .number(let text) = part, let index = Int(text) {
                path += "[\(index)]"
            } else if i == 0, let place = part.stringValue, ["body", "query", "path", "header"].contains(place) {
                continue
            } else {
                path += (path.isEmpty ? "" : ".") + (part.stringValue ?? part.compactText)
            }
        }
        let message = item.string("msg") ?? "invalid"
        return path.isEmpty ? message : "\(path): \(message)"
    }
}
