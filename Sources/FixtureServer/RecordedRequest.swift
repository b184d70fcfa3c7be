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

    /// The last user message: OpenAI-style `messages` (string or text parts), or Dify-style `query`.
    public var prompt: String {
        guard let json = try? JSONParser.parse(body) else { return "" }
        if let messages = json["messages"]?.arrayValue, !messages.isEmpty {
            let message = messages.last { $0["role"]?.stringValue == "user" } ?? messages[messages.count - 1]
            guard let content = message["content"] else { return "" }
            if let text = content.stringValue { return text }
            return (content.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
        return json["query"]?.stringValue ?? ""
    }
}
