/// One normalized thing a provider's stream said, whatever its wire format.
///
/// Every adapter translates its bytes into this small vocabulary so that the session controller, the
/// inspector, the store and `parley send --jsonl` all read the same events.
///
/// The cases with large payloads (a step, an error, usage with its prices) are `indirect`: their payload lives
/// in a box of its own, so the enum itself is no larger than a string. Every stream carries thousands of
/// `.text` events, each copied a few times as it is folded and printed; without the boxes each copy moved the
/// size of the largest case, whatever the case was.
public enum StreamEvent: Sendable, Equatable {
    /// The server named the remote conversation (Dify conversation, Helix session, PAIS session, …).
    indirect case opened(conversationID: String, messageID: String?)
    /// Assistant text to append.
    case text(String)
    /// The whole assistant text so far, replacing what was shown (Dify `message_replace`).
    case replaced(String)
    /// Model reasoning to append (`reasoning_content`, `<think>` blocks).
    case reasoning(String)
    /// An agent step, tool call or workflow node; upserted by `Step.id`.
    indirect case step(Step)
    /// A raw fragment of a streamed OpenAI-style tool call, before assembly.
    indirect case toolCallDelta(ToolCallDelta)
    /// Retriever citations backing the answer.
    case citations([Citation])
    /// A file or image the reply carries.
    indirect case file(Attachment)
    /// Token counts and prices.
    indirect case usage(Usage)
    /// The server showed it is alive without saying anything (comments, data-less blocks, pings).
    case keepAlive
    /// The turn ended normally; `reason` is the provider's word for why (`stop`, `tool_calls`, …).
    case finished(reason: String?)
    /// The turn ended with an error, before or during the stream.
    indirect case failed(ProviderError)
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
