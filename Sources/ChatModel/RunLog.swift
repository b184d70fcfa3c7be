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
    /// When each step (by id) was first and last sent, from the records folded here.
    public var stepTimings: [String: StepTiming] = [:]
    /// Records per stretch of time, over the records folded here.
    public var arrivals = ArrivalHistogram()
    /// The newest raw records, oldest first: all of them, or the last `recordLimit` or so. Record number
    /// `firstKeptRecord + i` of the run is `records[i]`; older ones are in the store.
    public private(set) var records: [RawRecord] = []
    /// How many records the run has had, kept or not.
    public private(set) var recordCount = 0
    /// How many records are kept in memory: `nil` keeps all, `0` none (`send` and the controller need only
    /// the reply and figures), `n` about the newest `n` to `2n` (the screen, which pages older ones from the
    /// store), so memory does not grow with the length of a stream.
    public let recordLimit: Int?

    public init(
        id: RunID, conversationID: String, reply: Message, remoteConversationID: String? = nil,
        recordLimit: Int? = nil
    ) {
        self.id = id
        self.conversationID = conversationID
        self.reply = reply
        self.remoteConversationID = remoteConversationID
        self.recordLimit = recordLimit.map { max(0, $0) }
    }

    /// The number of the first record still in `records`.
    public var firstKeptRecord: Int { recordCount - records.count }

    /// Record number `index` of the run, when it is still kept in memory.
    public func record(at index: Int) -> RawRecord? {
        let i = index - firstKeptRecord
        return records.indices.contains(i) ? records[i] : nil
    }

    /// Notes the response head, `time` seconds after the request went out.
    public mutating func noteHead(status: Int, at time: Double) {
        httpStatus = status
        metrics.noteHead(at: time)
    }

    /// Folds one record into the reply, the figures and the tool calls.
    public mutating func append(_ record: RawRecord) {
        metrics.note(record)
        arrivals.note(record.receivedAt)
        for event in record.events {
            switch event {
            case .step(let step):
                stepTimings[step.id, default: StepTiming(firstSeen: record.receivedAt, lastSeen: record.receivedAt)]
                    .lastSeen = record.receivedAt
            case .opened(let conversationID, _) where !conversationID.isEmpty:
                remoteConversationID = conversationID
            case .toolCallDelta(let delta):
                noteToolCall(delta)
            default:
                break
            }
            reply.apply(event)
        }
        keep(record)
        if reply.status != .streaming, metrics.duration == nil { metrics.finish(at: record.receivedAt) }
    }

    /// Folds records in order. Concrete rather than generic over sequences: callers in other modules would
    /// get an unspecialized copy that looks up type metadata for every record.
    public mutating func append(contentsOf records: [RawRecord]) {
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

    /// Counts `count` records that came before the ones appended next and stay in the store (a log read back
    /// with only its newest records).
    public mutating func skipRecords(_ count: Int) {
        precondition(records.isEmpty, "skip stored records before appending any")
        recordCount += count
    }

    /// Keeps a record within the limit; the oldest half goes at once when the window is full, so trimming
    /// costs a constant per record.
    private mutating func keep(_ record: RawRecord) {
        recordCount += 1
        guard let limit = recordLimit else {
            records.append(record)
            return
        }
        guard limit > 0 else { return }
        if records.count >= 2 * limit { records.removeFirst(records.count - limit) }
        records.append(record)
    }

    /// Marks a run the user stopped as cancelled, whatever the server did after the stop: a server that honours
    /// a stop request (Dify) ends the stream normally, usage included, and what arrived is kept.
    public mutating func markCancelled() {
        switch reply.status {
        case .streaming:
            end(failure: ProviderError(kind: .cancelled, message: RunLog.stoppedByUser))
        case .complete, .interrupted:
            reply.status = .cancelled
            reply.error = ProviderError(kind: .cancelled, message: RunLog.stoppedByUser)
        case .cancelled, .failed:
            break
        }
    }

    /// Why a run the user stopped is cancelled.
    public static let stoppedByUser = "Stopped by you; what arrived is kept."

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
