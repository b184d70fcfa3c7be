import ChatModel
import Foundation

/// One stored run of an assistant reply: its request, response head, figures and every raw record in order.
public struct StoredRun: Sendable, Equatable {
    public var id: String
    public var messageID: String
    public var startedAt: Date
    public var request: RunRequest
    public var response: ResponseHead?
    public var metrics: RunMetrics
    public var records: [RawRecord]

    public init(
        id: String, messageID: String, startedAt: Date, request: RunRequest, response: ResponseHead? = nil,
        metrics: RunMetrics = RunMetrics(), records: [RawRecord] = []
    ) {
        self.id = id
        self.messageID = messageID
        self.startedAt = startedAt
        self.request = request
        self.response = response
        self.metrics = metrics
        self.records = records
    }
}
