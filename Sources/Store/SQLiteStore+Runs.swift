import ChatModel
import Foundation

/// Runs and their raw records.
extension SQLiteStore {
    /// Stores a run in one go (request, head, figures, records); the request is redacted first.
    public func save(_ run: StoredRun) throws {
        try transaction { db in
            try RunQueries.insert(RecordMapping.row(run), db)
            _ = try RunQueries.append(run.records, runID: run.id, firstSeq: 0, db)
        }
    }

    /// One run with all its records in order.
    public func run(id: String) throws -> StoredRun? {
        try locked { db in
            guard let row = try RunQueries.run(id: id, db) else { return nil }
            return RecordMapping.run(row, records: try RunQueries.records(runID: id, db))
        }
    }

    /// One run's request, response head and figures, without its records (the inspector's Request tab).
    public func runHead(id: String) throws -> StoredRun? {
        try locked { db in try RunQueries.run(id: id, db).map { RecordMapping.run($0, records: []) } }
    }

    /// Every run of a reply, oldest first, with their records.
    public func runs(forMessage messageID: String) throws -> [StoredRun] {
        try locked { db in
            try RunQueries.runs(forMessage: messageID, db).map {
                RecordMapping.run($0, records: try RunQueries.records(runID: $0.id, db))
            }
        }
    }

    /// The latest run of a stored reply as a `RunLog`: its newest records (all when `recordLimit` is nil)
    /// folded again for the tool calls, with the stored reply and figures as the truth. `nil` when the reply
    /// has no run (typed or imported history).
    public func latestRunLog(of reply: Message, in conversationID: String, recordLimit: Int? = nil) throws -> RunLog? {
        try locked { db in
            guard let row = try RunQueries.runs(forMessage: reply.id, db).last else { return nil }
            let total = try RunQueries.nextSeq(runID: row.id, db)
            let first = recordLimit.map { max(0, total - $0) } ?? 0
            let records = try RunQueries.records(runID: row.id, in: first..<total, db).map(RecordMapping.record)
            let run = RecordMapping.run(row, records: [])
            var log = RunLog(
                id: RunID(run.id), conversationID: conversationID,
                reply: Message(id: reply.id, role: reply.role, status: .streaming, createdAt: reply.createdAt),
                recordLimit: recordLimit)
            log.httpStatus = run.response?.status
            log.skipRecords(first)
            log.append(contentsOf: records)
            let pricing = log.reply.usage?.pricing
            log.reply = reply
            if log.reply.usage != nil, log.reply.usage?.pricing == nil { log.reply.usage?.pricing = pricing }
            log.metrics = run.metrics
            return log
        }
    }

    /// Records `range` of a run (by number, from 0), in order; fewer when the run has fewer.
    public func records(ofRun runID: String, in range: Range<Int>) throws -> [RawRecord] {
        try locked { db in try RunQueries.records(runID: runID, in: range, db).map(RecordMapping.record) }
    }

    /// Starts writing a streaming reply: stores the reply (status `streaming`) and the run's request now, and
    /// returns a writer that stores records and the growing reply in batches.
    public func startRun(
        id runID: String, conversationID: String, reply: Message, request: RunRequest, startedAt: Date,
        policy: RunWriter.Policy = RunWriter.Policy(), now: @escaping @Sendable () -> Double
    ) throws -> RunWriter {
        var reply = reply
        reply.status = .streaming
        let run = StoredRun(id: runID, messageID: reply.id, startedAt: startedAt, request: request)
        try transaction { db in
            try Self.write(reply, in: conversationID, db)
            try RunQueries.insert(RecordMapping.row(run), db)
            try RunQueries.noteOwner(runID: runID, .current, db)
        }
        return RunWriter(store: self, runID: runID, conversationID: conversationID, policy: policy, now: now)
    }

    /// Writes one batch: records, the reply as it now stands (when given) and the run's figures, in one
    /// transaction.
    func writeBatch(
        runID: String, conversationID: String, records: [RawRecord], firstSeq: Int, reply: Message?, metrics: RunMetrics,
        head: ResponseHead?, final: Bool = false
    ) throws {
        try transaction { db in
            if final { try RunQueries.forgetOwner(runID: runID, db) }
            if let head { try RunQueries.updateResponse(runID: runID, head, db) }
            _ = try RunQueries.append(records, runID: runID, firstSeq: firstSeq, db)
            if let reply { try Self.write(reply, in: conversationID, db) }
            try RunQueries.updateMetrics(runID: runID, metrics, db)
        }
    }
}
