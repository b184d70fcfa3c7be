/// One normalized thing a provider's stream said, whatever its wire format.
///
/// Every adapter translates its bytes into this small vocabulary so that the session controller, the
/// inspector, the store and `parley send --jsonl` all read the same events.
public enum StreamEvent: Sendable, Equatable {
    /// The server named the remote conversation (Dify conversation, Helix session, PAIS session, …).
    case opened(conversationID: String, messageID: String?)
    /// Assistant text to append.
    case text(String)
    /// The whole assistant text so far, replacing what was shown (Dify `message_replace`).
    case replaced(String)
    /// Model reasoning to append (`reasoning_content`, `<think>` blocks).
    case reasoning(String)
    /// An agent step, tool call or workflow node; upserted by `Step.id`.
    case step(Step)
    /// A raw fragment of a streamed OpenAI-style tool call, before assembly.
    case toolCallDelta(ToolCallDelta)
    /// Retriever citations backing the answer.
    case citations([Citation])
    /// A file or image the reply carries.
    case file(Attachment)
    /// Token counts and prices.
    case usage(Usage)
    /// The server showed it is alive without saying anything (comments, data-less blocks, pings).
    case keepAlive
    /// The turn ended normally; `reason` is the provider's word for why (`stop`, `tool_calls`, …).
    case finished(reason: String?)
    /// The turn ended with an error, before or during the stream.
    case failed(ProviderError)
}

extension StreamEvent {
    /// True for the two events that end a turn.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed: return true
        default: return false
        }
    }
}
