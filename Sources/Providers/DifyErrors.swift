import ChatModel
import Foundation

/// Turns Dify's `{"code","message","status"}` errors into messages a user can act on (protocols.md 5.2).
///
/// The code decides the explanation; the server's own message follows it, minus flask-restx's "did you mean"
/// suffix, which only confuses. Bodies that are not Dify JSON fall back to the generic reading.
public enum DifyErrors {
    /// An error reply to any Dify endpoint.
    public static func httpError(status: Int, body: [UInt8]) -> ProviderError {
        guard let json = JSONObject(bytes: body), let code = json.string("code") else {
            return ErrorDocument.providerError(status: status, body: body)
        }
        var message = explain(code: code, message: json.string("message") ?? "")
        if let params = json.string("params"), !params.isEmpty, !message.contains(params) { message += " (parameter: \(params))" }
        return ProviderError(kind: .http, status: json.int("status") ?? status, code: code, message: message)
    }

    /// An `error` event inside a stream that had already answered 200.
    public static func streamError(_ event: JSONObject) -> ProviderError {
        let code = event.string("code") ?? ""
        return ProviderError(
            kind: .stream, status: event.int("status"), code: code.isEmpty ? nil : code,
            message: explain(code: code, message: event.string("message") ?? ""))
    }

    static func explain(code: String, message raw: String) -> String {
        let message = trimSuggestion(raw)
        guard let hint = hints[code] else { return message.isEmpty ? "Dify reported \(code)." : message }
        if message.isEmpty || hint.hasSuffix(message) { return hint }
        return "\(hint): \(message)"
    }

    private static let hints: [String: String] = [
        "invalid_param": "Dify rejected a parameter",
        "not_chat_app": "This API key belongs to a Dify app that is not a chat app",
        "app_unavailable": "The Dify app is unavailable (its configuration is broken or no workflow is published)",
        "conversation_completed": "This conversation is closed on the server",
        "provider_not_initialize": "The app's model provider has no credentials configured in Dify",
        "provider_quota_exceeded": "The model provider's hosted quota is used up",
        "model_currently_not_support": "The app's model is not available right now",
        "completion_request_error": "The model call failed",
        "unauthorized": "Dify refused the API key",
        "forbidden": "Dify refused access to this app",
        "not_found": "Dify could not find it (conversations and messages belong to one user)",
        "file_too_large": "The file is too large for this Dify app",
        "unsupported_file_type": "Dify does not accept this file type",
        "no_file_uploaded": "No file was uploaded",
        "too_many_files": "Only one file can be uploaded at a time",
        "file_extension_blocked": "Dify blocks this file extension",
        "rate_limit_error": "Dify's rate limit was hit; try again later",
        "too_many_requests": "Too many requests are running for this app; try again later",
        "internal_server_error": "Dify had an internal error",
    ]

    /// Drops flask-restx's " You have requested this URI [...] but did you mean ...?" tail.
    private static func trimSuggestion(_ message: String) -> String {
        guard let range = message.range(of: " You have requested this URI") else { return message }
        return String(message[..<range.lowerBound])
    }
}
