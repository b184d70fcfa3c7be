import ChatModel

/// A request as the fixture server received it, kept so tests can assert what a client sent.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent, including any `/scenario/<name>` prefix and query.
    public var path: String
    public var headers: [ScenarioHeader]
    public var body: [UInt8]

    public init(method: String, path: String, headers: [ScenarioHeader], body: [UInt8]) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, or nil when it is empty or not JSON.
    public var json: JSONValue? { try? JSONReader.parse(body) }

    /// The last user message: OpenAI-style `messages` (a string, text parts, or Helix's `{"parts": [...]}`),
    /// Dify's `query` or Big Hummingbird's `user_message`.
    public var prompt: String {
        guard let json else { return "" }
        if let messages = json["messages"]?.arrayValue, !messages.isEmpty {
            let message = messages.last { $0["role"]?.stringValue == "user" } ?? messages[messages.count - 1]
            guard let content = message["content"] else { return "" }
            if let text = content.stringValue { return text }
            if let parts = content["parts"]?.arrayValue { return parts.compactMap(\.stringValue).joined(separator: "\n") }
            return (content.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
        return json["query"]?.stringValue ?? json["user_message"]?.stringValue ?? ""
    }
}
