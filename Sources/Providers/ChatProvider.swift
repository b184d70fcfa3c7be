import ChatModel
import Wire

/// What one turn asks of a provider, whatever the API.
public struct TurnRequest: Sendable, Equatable {
    /// The conversation so far, ending with the new user message. Providers that keep history on the
    /// server send only the last message when `remoteConversationID` is set.
    public var messages: [ChatMessage]
    /// The remote conversation to continue (Dify conversation, Helix or PAIS session, …), if any.
    public var remoteConversationID: String?
    /// Stream the reply (SSE) or ask for one blocking document.
    public var stream: Bool

    public init(messages: [ChatMessage], remoteConversationID: String? = nil, stream: Bool = true) {
        self.messages = messages
        self.remoteConversationID = remoteConversationID
        self.stream = stream
    }

    /// The newest user message's text.
    public var prompt: String {
        messages.last(where: { $0.role == .user })?.content ?? ""
    }
}

/// A stateless translator for one API: a turn in, an HTTP request out; bytes in, events out.
///
/// Providers keep no history, know no UI and touch no database (design.md, house rule 5).
public protocol ChatProvider: Sendable {
    /// The kind name used on the command line and in config (`openai`, `dify`, …).
    var kind: String { get }
    /// Which headers, query parameters and body fields of this provider's requests carry credentials; every
    /// request it builds carries this declaration, and the store redacts by it.
    var credentials: CredentialFields { get }
    /// The HTTP request for one turn.
    func makeRequest(for turn: TurnRequest) throws -> HTTPRequest
    /// A fresh decoder for one response.
    func makeDecoder() -> any StreamDecoder
}

/// Turns one response's SSE events or whole body into normalized events.
///
/// A decoder lives for one response only; it may hold state that the wire format spreads over several
/// events (tool-call fragments, the last finish reason) but nothing beyond that response.
public protocol StreamDecoder: Sendable {
    /// Events for one dispatched SSE event.
    mutating func decode(_ event: SSEEvent) -> [StreamEvent]
    /// Events for a whole non-SSE body: an error document, or a blocking reply.
    mutating func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent]
    /// Events owed when the stream ends: a `finished` or an interruption if no terminal event came.
    mutating func finish() -> [StreamEvent]
}

/// A provider could not build a request from what it was given.
public struct ProviderConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
