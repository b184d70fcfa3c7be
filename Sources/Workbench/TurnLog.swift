import ChatModel

/// Everything one reply's stream carried: the records, their timing, and tool calls as they grow.
///
/// The inspector reads this; it is filled only by the streaming actions in `reduce`.
public struct TurnLog: Sendable, Equatable {
    public var records: [RawRecord] = []
    public var metrics = RunMetrics()
    /// The HTTP status of the response head, once it arrived.
    public var status: Int?
    /// Streamed tool calls by index, with their arguments as far as they have arrived.
    public var toolCalls: [ToolCallDraft] = []

    public init() {}

    /// Folds one record into the log.
    public mutating func append(_ record: RawRecord) {
        records.append(record)
        metrics.note(record)
        for case .toolCallDelta(let delta) in record.events {
            if let i = toolCalls.firstIndex(where: { $0.index == delta.index }) {
                toolCalls[i].arguments += delta.argumentsFragment
                if let name = delta.name, toolCalls[i].name.isEmpty { toolCalls[i].name = name }
            } else {
                toolCalls.append(ToolCallDraft(
                    index: delta.index, id: delta.id ?? "call-\(delta.index)", name: delta.name ?? "",
                    arguments: delta.argumentsFragment))
            }
        }
    }

    /// The time of the last record, which is when the run ended once it has.
    public var lastArrival: Double? { records.last?.receivedAt }
}

/// A streamed tool call being assembled.
public struct ToolCallDraft: Sendable, Equatable {
    public var index: Int
    public var id: String
    public var name: String
    public var arguments: String
}
