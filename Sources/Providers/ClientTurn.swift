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

    /// The kinds in the order a path is tried against them: specific routes first, fallbacks (OpenAI's
    /// `/chat/completions`, which a PAIS agent's path also ends in) last; from the registry.
    static var guessOrder: [ProviderKind] {
        ProviderKind.allCases.filter { !$0.details.turnRoute.isFallback } + ProviderKind.allCases.filter { $0.details.turnRoute.isFallback }
    }

    /// The kind whose chat endpoint `path` (with or without a query) is, or nil when it is none of them.
    public static func kind(forPath path: String) -> String? {
        guessOrder.first { isTurn(path: path, kind: $0.rawValue) }?.rawValue
    }

    /// True when `path` is where `kind` takes a turn (its registry entry's `turnRoute`): `/chat-messages` (also
    /// `/completion-messages` and `/workflows/run`) for Dify, `/api/v1/sessions/chat` for Helix,
    /// `/assistants/ID/chat/completions` or `/agents/ID/chat/completions` for PAIS, `/invoke` for Big
    /// Hummingbird, `/chat/completions` for OpenAI.
    public static func isTurn(path: String, kind: String) -> Bool {
        guard let known = ProviderKind(rawValue: kind) else { return false }
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let trimmed = route.hasSuffix("/") ? String(route.dropLast()) : route
        return known.details.turnRoute.matches(trimmed)
    }

    /// The turn a request body carries for `kind`. A body that is not JSON still makes a turn, with no prompt.
    public init(kind: String, body: [UInt8]) {
        let json = try? JSONReader.parse(body)
        self.init(kind: kind, prompt: json.map(Self.prompt(in:)) ?? "", remoteConversationID: json.flatMap {
            Self.remoteID(in: $0, kind: kind)
        })
    }

    private static func remoteID(in json: JSONValue, kind: String) -> String? {
        guard let key = ProviderKind(rawValue: kind)?.details.conversationField,
            let id = json[key]?.stringValue, !id.isEmpty
        else { return nil }
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
