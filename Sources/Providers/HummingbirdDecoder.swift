import ChatModel
import Wire

/// Decodes Big Hummingbird's blocking `{"message": "…"}` reply to `POST /invoke`.
///
/// No streaming is documented; if a deployment streams anyway, each data event is read the same way.
public struct HummingbirdDecoder: StreamDecoder {
    private var finished = false

    public init() {}

    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        guard let json = JSONObject(event: event) else { return [OpenAIDecoder.notJSON(event.data.trimmingTrailingWhitespace)] }
        return reply(json, status: 200)
    }

    public mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
        guard (200..<300).contains(status) else { return [.failed(ErrorDocument.providerError(status: status, body: body))] }
        guard let json = JSONObject(bytes: body) else {
            return [.failed(ProviderError(
                kind: .decoding, status: status,
                message: "Expected {\"message\": …} but got: \(String(decoding: body.prefix(200), as: UTF8.self))"))]
        }
        return reply(json, status: status)
    }

    public mutating func finish() -> [StreamEvent] {
        if finished { return [] }
        return [.failed(ProviderError(kind: .interrupted, message: "The reply ended before any message arrived."))]
    }

    private mutating func reply(_ json: JSONObject, status: Int) -> [StreamEvent] {
        guard let message = json.string("message") else {
            if let error = json.text("error") ?? json.text("detail") {
                return [.failed(ProviderError(kind: .stream, status: status, message: error))]
            }
            return [.failed(ProviderError(kind: .decoding, status: status, message: "The reply has no \"message\" field."))]
        }
        finished = true
        return (message.isEmpty ? [] : [.text(message)]) + [.finished(reason: "stop")]
    }
}
