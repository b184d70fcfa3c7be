import ChatModel

/// A turn read back out of a request another client sent: the API it speaks, its newest prompt, and the
/// server-side conversation it continues.
///
/// `parley proxy` records other programs' exchanges like Parley's own runs, so it needs to know which requests
/// are turns (a chat call, not a model list or an upload), which adapter decodes their replies, and which
/// conversation each continues, so exchanges group as the server groups them.
public struct ClientTurn: Sendable, Equatable {
    public var kind: String
    /// The newest user message's text; empty when the body has none Parley can read.
    public var prompt: String
    /// The conversation or session the request continues: Dify `conversation_id`, Helix `session_id`, PAIS
    /// `store_in_session`, Big Hummingbird `chat_session_id`; nil for a new one, or an API that has none.
    public var remoteConversationID: String?

    public init(kind: String, prompt: String, remoteConversationID: String? = nil) {
        self.kind = kind
        self.prompt = prompt
        self.remoteConversationID = remoteConversationID
    }

    /// The kinds in the order a path is tried against them: the more specific routes first (a PAIS agent's
    /// path also ends in `/chat/completions`).
    static let guessOrder = ["dify", "helix", "pais", "hummingbird", "openai"]

    /// The kind whose chat endpoint `path` (with or without a query) is, or nil when it is none of them.
    public static func kind(forPath path: String) -> String? {
        guessOrder.first { isTurn(path: path, kind: $0) }
    }

    /// True when `path` is where `kind` takes a turn: `/chat-messages` (also `/completion-messages` and
    /// `/workflows/run`) for Dify, `/api/v1/sessions/chat` for Helix, `/assistants/ID/chat/completions` or
    /// `/agents/ID/chat/completions` for PAIS, `/invoke` for Big Hummingbird, `/chat/completions` for OpenAI.
    public static func isTurn(path: String, kind: String) -> Bool {
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = route.hasSuffix("/") ? String(route.dropLast()) : route
        switch kind {
        case "dify":
            return ["/chat-messages", "/completion-messages", "/workflows/run"].contains { trimmed.hasSuffix($0) }
        case "helix":
            return trimmed.hasSuffix("/api/v1/sessions/chat")
        case "pais":
            return trimmed.hasSuffix("/chat/completions")
                && (trimmed.contains("/assistants/") || trimmed.contains("/agents/"))
        case "hummingbird":
            return trimmed.hasSuffix("/invoke")
        case "openai":
            return trimmed.hasSuffix("/chat/completions")
        default:
            return false
        }
    }

    /// The turn a request body carries for `kind`. A body that is not JSON still makes a turn, with no prompt.
    public init(kind: String, body: [UInt8]) {
        let json = try? JSONReader.parse(body)
        self.init(kind: kind, prompt: json.map(Self.prompt(in:)) ?? "", remoteConversationID: json.flatMap {
            Self.remoteID(in: $0, kind: kind)
        })
    }

    private static func remoteID(in json: JSONValue, kind: String) -> String? {
        let key: String
        switch kind {
        case "dify": key = "conversation_id"
        case "helix": key = "session_id"
        case "pais": key = "store_in_session"
        case "hummingbird": key = "chat_session_id"
        default: return nil
        }
        guard let id = json[key]?.stringValue, !id.isEmpty else { return nil }
        return id
    }

    /// Dify's `query`, Big Hummingbird's `user_message`, else the last user entry of `messages` (a string,
    /// a list of text parts, or Helix's `{"parts": [...]}`).
    private static func prompt(in json: JSONValue) -> String {
        if let query = json["query"]?.stringValue { return query }
        if let message = json["user_message"]?.stringValue { return message }
        guard let messages = json["messages"]?.arrayValue,
            let last = messages.last(where: { $0["role"]?.stringValue == "user" }),
            let content = last["content"]
        else { return "" }
        if let text = content.stringValue { return text }
        if let parts = content["parts"]?.arrayValue { return parts.compactMap(\.stringValue).joined(separator: "\n") }
        return (content.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    }
}
