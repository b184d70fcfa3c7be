/// Full-text search over titles and message text.
extension SQLiteStore {
    /// How strongly a title match outranks a match in message text.
    static let titleWeight = 2.0

    /// Conversations matching `query`, best first, one hit per conversation with its best passage.
    ///
    /// Every word is matched as a prefix and all must occur (in the title, or in one message); quoted text is a
    /// phrase. Any text is accepted: a query with nothing searchable returns no hits instead of an error.
    public func search(_ query: String, limit: Int = 20, includeArchived: Bool = false) throws -> [SearchHit] {
        guard let match = SearchQuery.match(query), limit > 0 else { return [] }
        let candidates = limit * 4
        let marks = "'\(Snippet.open)', '\(Snippet.close)', '…', 12"
        let archived = includeArchived ? "" : "WHERE c.archived = 0"
        let sql = """
            SELECT c.id, c.title, hits.message_id, hits.snip, hits.score FROM (
                SELECT f.rowid AS conversation_num, NULL AS message_id, f.snip, f.score * \(Self.titleWeight) AS score
                FROM (SELECT rowid, snippet(conversation_fts, 0, \(marks)) AS snip, rank AS score
                      FROM conversation_fts WHERE conversation_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
                UNION ALL
                SELECT (SELECT num FROM conversations WHERE id = m.conversation_id), m.id, f.snip, f.score
                FROM (SELECT rowid, snippet(message_fts, 0, \(marks)) AS snip, rank AS score
                      FROM message_fts WHERE message_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
                JOIN messages m ON m.num = f.rowid
            ) hits JOIN conversations c ON c.num = hits.conversation_num \(archived)
            ORDER BY hits.score
            """
        return try locked { db in
            let select = try db.prepare(sql)
            try select.bind(.text(match), .int(candidates))
            var seen: Set<String> = []
            var hits: [SearchHit] = []
            while hits.count < limit, try select.step() {
                let conversationID = select.text(0)
                guard seen.insert(conversationID).inserted else { continue }
                hits.append(
                    SearchHit(
                        conversationID: conversationID, title: select.text(1), messageID: select.optionalText(2),
                        snippet: Snippet(marked: select.text(3)), score: select.double(4)))
            }
            return hits
        }
    }
}
