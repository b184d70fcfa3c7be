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
        TimeText.encode(hits.map { hit in
            Item(
                conversationId: hit.conversationID, shortId: ConversationListing.shortID(hit.conversationID),
                title: hit.title, messageId: hit.messageID, snippet: hit.snippet.text,
                matches: hit.snippet.matches.map {
                    Match(
                        text: String(hit.snippet.text[$0]),
                        offset: hit.snippet.text.distance(from: hit.snippet.text.startIndex, to: $0.lowerBound),
                        length: hit.snippet.text.distance(from: $0.lowerBound, to: $0.upperBound))
                },
                score: hit.score)
        }) + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    private struct Match: Encodable {
        var text: String
        var offset: Int
        var length: Int
    }

    private struct Item: Encodable {
        var conversationId: String
        var shortId: String
        var title: String
        var messageId: String?
        var snippet: String
        var matches: [Match]
        var score: Double

        enum CodingKeys: String, CodingKey {
            case conversationId, shortId, title, messageId, snippet, matches, score
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(conversationId, forKey: .conversationId)
            try c.encode(shortId, forKey: .shortId)
            try c.encode(title, forKey: .title)
            try c.encode(messageId, forKey: .messageId)
            try c.encode(snippet, forKey: .snippet)
            try c.encode(matches, forKey: .matches)
            try c.encode(score, forKey: .score)
        }
    }
}
