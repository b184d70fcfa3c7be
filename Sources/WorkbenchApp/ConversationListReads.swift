import ChatModel
import Store
import Workbench

/// The store reads behind the conversation list, as the workbench's types: a page of rows with the list's length,
/// and search matches with their conversation. The app loop runs them off the loop; the benchmark times them.
public enum ConversationListReads {
    /// A page of the list and, when `counting`, the list's length.
    public static func page(_ store: SQLiteStore, first: Int, limit: Int, excluding: [String], counting: Bool = true) throws
        -> (rows: [ConversationSummary], total: Int?)
    {
        let rows = try store.listedConversations(offset: first, limit: limit, excluding: excluding)
            .map { ConversationSummary(conversation: $0.conversation, status: $0.lastStatus) }
        return (rows, counting ? try store.listedConversationCount(excluding: excluding) : nil)
    }

    public static func search(_ store: SQLiteStore, query: String, limit: Int) throws -> [SearchResult] {
        try store.search(query, limit: limit).compactMap { hit in
            guard let conversation = try store.conversation(id: hit.conversationID) else { return nil }
            let text = hit.snippet.text
            let matches = hit.snippet.matches.map {
                text.distance(from: text.startIndex, to: $0.lowerBound)..<text.distance(from: text.startIndex, to: $0.upperBound)
            }
            return SearchResult(conversation: conversation, messageID: hit.messageID, snippet: text, matches: matches)
        }
    }
}
