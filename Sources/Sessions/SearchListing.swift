import ChatModel
import Foundation
import Store

/// Formats search hits for `parley conversations search`: short id, title and the snippet, or a JSON array.
///
/// In text the matched words are wrapped in [brackets], so they stand out without colour and survive a pipe.
public struct SearchListing: Sendable {
    public var hits: [SearchHit]

    public init(hits: [SearchHit]) {
        self.hits = hits
    }

    /// Two lines per hit, best first: `<short id>  <title>`, then the snippet indented by four spaces.
    public var text: String {
        hits.map { hit in
            let title = hit.title.isEmpty ? "Untitled" : hit.title
            let snippet = hit.snippet.marked(open: "[", close: "]")
                .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            return "\(ConversationListing.shortID(hit.conversationID))  \(Self.oneLine(title))\n    \(snippet)\n"
        }.joined()
    }

    /// One object per hit: ids, title, the plain snippet, the matched words with their character offsets in
    /// it, and the bm25 score (lower is better).
    public var json: String {
        let items = hits.map { hit -> JSONLine.Value in
            let text = hit.snippet.text
            var item = JSONLine()
            item.set("conversation_id", hit.conversationID)
            item.set("short_id", ConversationListing.shortID(hit.conversationID))
            item.set("title", hit.title)
            item.set("message_id", hit.messageID)
            item.set("snippet", text)
            item.set("matches", .array(hit.snippet.matches.map { range in
                var match = JSONLine()
                match.set("text", String(text[range]))
                match.set("offset", text.distance(from: text.startIndex, to: range.lowerBound))
                match.set("length", text.distance(from: range.lowerBound, to: range.upperBound))
                return .object(match)
            }))
            item.set("score", .shortest(hit.score))
            return .object(item)
        }
        return JSONLine.text(.array(items), .sorted) + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
