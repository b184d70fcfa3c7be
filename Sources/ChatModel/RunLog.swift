/// One run folded from its raw records: the reply, the figures, tool calls as they grow, and the records.
///
/// This is the one fold of a stream. The session controller, the store's writer, the workbench, the printers
/// and replay all grow a run with `append(_:)`, so a reply reads the same everywhere. Appending never copies
/// what was already received, as long as nobody else holds this log's reply: hand out copies at a bounded
/// rate (once per frame, or at the end), never once per record.
public struct RunLog: Sendable, Equatable {
    public var id: RunID
    public var conversationID: String
    public var reply: Message
    public var metrics = RunMetrics()
    /// The HTTP status of the response head, once it arrived.
    public var httpStatus: Int?
    /// The conversation or session id the server named, once it did.
    public var remoteConversationID: String?
    /// Streamed tool calls by index, with their arguments as far as they have arrived.
    public var toolCalls: [ToolCallDraft] = []
    /// The raw records, oldest first, when `keepsRecords`; otherwise empty (the figures still count them).
    public private(set) var records: [RawRecord] = []
    /// False for a log that only needs the reply and figures (`send`, the controller), so memory does not grow
    /// with the number of records.
    public let keepsRecords: Bool

    public init(
        id: RunID, conversationID: String, reply: Message, remoteConversationID: String? = nil,
        keepsRecords: Bool = true
    ) {
        self.id = id
        self.conversationID = conversationID
        self.reply = reply
        self.remoteConversationID = remoteConversationID
        self.keepsRecords = keepsRecords
    }

    /// Notes the response head, `time` seconds after the request went out.
    public mutating func noteHead(status: Int, at time: Double) {
        httpStatus = status
        metrics.noteHead(at: time)
    }

    /// Folds one record into the reply, the figures and the tool calls.
    public mutating func append(_ record: RawRecord) {
        metrics.note(record)
        for event in record.events {
            switch event {
            case .opened(let conversationID, _) where !conversationID.isEmpty:
                remoteConversationID = conversationID
            case .toolCallDelta(let delta):
                noteToolCall(delta)
            default:
                break
            }
            reply.apply(event)
        }
        if keepsRecords { records.append(record) }
        if reply.status != .streaming, metrics.duration == nil { metrics.finish(at: record.receivedAt) }
    }

    /// Folds records in order.
    public mutating func append<Records: Sequence>(contentsOf records: Records) where Records.Element == RawRecord {
        for record in records { append(record) }
    }

    /// Ends the run: a reply still streaming takes `failure`, or becomes interrupted when the stream simply
    /// stopped without the provider's end marker; the duration is set if no end marker set it.
    public mutating func end(failure: ProviderError? = nil) {
        if reply.status == .streaming {
            reply.apply(.failed(failure ?? ProviderError(kind: .interrupted, message: RunLog.noEndMarker)))
        }
        if metrics.duration == nil { metrics.finish(at: metrics.lastArrival ?? 0) }
    }

    /// Replaces the records with `records` (a log read back from the store), refolding nothing.
    public mutating func restore(records: [RawRecord]) {
        self.records = keepsRecords ? records : []
    }

    /// Why a run that stopped without an end marker is interrupted.
    public static let noEndMarker = "The stream ended without the provider's end marker."

    private mutating func noteToolCall(_ delta: ToolCallDelta) {
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

/// A streamed tool call being assembled.
public struct ToolCallDraft: Sendable, Equatable {
    public var index: Int
    public var id: String
    public var name: String
    public var arguments: String

    public init(index: Int, id: String, name: String, arguments: String) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// Identifies one run: one HTTP attempt at a reply.
public struct RunID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}
