import ChatModel
import Store
import StreamTools

/// Finds the run a stored id names for `parley compare`: a run itself, a message's latest run, or a
/// conversation's latest reply's latest run.
public enum ComparisonSource {
    public static func run(_ store: SQLiteStore, id: String) throws -> ComparedRun {
        let (selection, runs) = try store.storedRuns(matching: id)
        guard let context = runs.last else {
            throw StoreError(
                kind: .notFound,
                message: "The \(selection.rawValue) \(id) has no recorded run to compare: it was pulled from remote "
                    + "history or holds no replies.")
        }
        let latest = try store.runs(forMessage: context.reply.id).last?.id == context.run.id
        return compared(context, latest: latest)
    }

    /// A stored run as one side: the stored reply when it is the reply's latest run (it carries a cancel or a
    /// recovery the records cannot show), else the reply folded again from this run's records.
    static func compared(_ context: StoredRunContext, latest: Bool) -> ComparedRun {
        var reply = context.reply
        if !latest {
            var log = RunLog(
                id: RunID(context.run.id), conversationID: context.conversation.id,
                reply: Message(id: reply.id, role: .assistant, status: .streaming, createdAt: reply.createdAt),
                recordLimit: 0)
            log.append(contentsOf: context.run.records)
            log.end()
            reply = log.reply
        }
        let model = (try? JSONReader.parse(context.run.request.body))?["model"]?.stringValue
        return ComparedRun(
            label: "run " + String(context.run.id.prefix(8)) + " of reply " + String(context.reply.id.prefix(8)),
            provider: context.conversation.provider, model: model.flatMap { $0.isEmpty ? nil : $0 },
            httpStatus: context.run.response?.status, reply: reply, metrics: context.run.metrics)
    }
}
