import ChatModel

/// One side of a comparison: a run's reply and figures, and what it was asked of.
///
/// Built from what a caller has: the command line reads stored runs, the workbench would pass a run's log.
public struct ComparedRun: Sendable, Equatable {
    /// How the run is named to the user (a short id).
    public var label: String
    public var provider: String
    /// The model the request named, when it named one.
    public var model: String?
    /// The HTTP status of the response, once it arrived.
    public var httpStatus: Int?
    public var reply: Message
    public var metrics: RunMetrics

    public init(
        label: String, provider: String, model: String? = nil, httpStatus: Int? = nil, reply: Message, metrics: RunMetrics
    ) {
        self.label = label
        self.provider = provider
        self.model = model
        self.httpStatus = httpStatus
        self.reply = reply
        self.metrics = metrics
    }

    /// How the run ended, in a few words: `complete (stop)`, `failed: …`, `interrupted`.
    public var ending: String {
        var text = reply.status.rawValue
        if let reason = reply.finishReason, !reason.isEmpty { text += " (\(reason))" }
        if reply.status != .complete, let error = reply.error { text += ": " + error.message }
        return text
    }

    /// The steps in order, one line each: `get_weather (tool_call, completed)`.
    public var stepLines: [String] {
        reply.steps.map { "\($0.displayName) (\($0.kind.rawValue), \($0.status.rawValue))" }
    }
}
