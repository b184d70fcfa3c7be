import ChatModel
import Foundation

/// Reads an error body that arrived instead of a stream: JSON of any common shape, or plain text.
///
/// Shapes understood: OpenAI `{"error":{"message","type","code"}}`, `{"error":"text"}`, Dify
/// `{"code","message","status"}`, FastAPI `{"detail":"text"}` and `{"detail":[{loc,msg,type}]}`.
public enum ErrorDocument {
    public static func providerError(status: Int, body: [UInt8]) -> ProviderError {
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let fallback = text.isEmpty ? "The server answered HTTP \(status) with an empty body." : text
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
