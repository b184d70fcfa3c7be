import ChatModel
import Foundation

extension SQLiteStore {
    /// The conversation as readable Markdown, with each reply's timing from its latest run.
    public func exportMarkdown(conversation id: String) throws -> String {
        guard let (conversation, messages) = try transcript(id: id) else {
            throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
        }
        var timings: [String: RunMetrics] = [:]
        for message in messages where message.role == .assistant {
            timings[message.id] = try runs(forMessage: message.id).last?.metrics
        }
        return TranscriptRenderer(conversation: conversation, messages: messages, timings: timings).render(.markdown)
    }
}
