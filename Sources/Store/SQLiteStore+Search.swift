/// Full-text search over titles and message text.
extension SQLiteStore {
    /// How strongly a title match outranks a match in message text.
    static let titleWeight = 2.0
    /// Above this many matching rows in a table, its hits are ordered newest first instead of by bm25.
    ///
    /// bm25 reads every matching row (and the whole doclist of each word, for its rarity) before it can pick
    /// the best; for a word in most of 400,000 messages that costs hundreds of milliseconds. A word that common
    /// says little about relevance, and the recent conversations are the useful ones.
    static let rankingWindow = 500

    /// Conversations matching `query`, best first, one hit per conversation with its best passage.
    ///
    /// All words must occur (in the title, or in one message); the last word also matches as a prefix and
    /// quoted text is a phrase. Any text is accepted: a query with nothing searchable returns no hits instead of an error.
    public func search(_ query: String, limit: Int = 20, includeArchived: Bool = false) throws -> [SearchHit] {
        guard let match = SearchQuery.match(query), limit > 0 else { return [] }
        let candidates = limit * 4
        return try locked { db in
            let titles = try Self.ranked("conversation_fts", match: match, limit: candidates, db)
                .map { (table: "conversation_fts", rowid: $0.rowid, score: $0.score * Self.titleWeight, snippet: $0.snippet)
                }
            let texts = try Self.ranked("message_fts", match: match, limit: candidates, db)
                .map { (table: "message_fts", rowid: $0.rowid, score: $0.score, snippet: $0.snippet) }
            var seen: Set<String> = []
            var hits: [SearchHit] = []
            let ordered = (titles + texts).enumerated().sorted {
                $0.element.score != $1.element.score ? $0.element.score < $1.element.score : $0.offset < $1.offset
            }.map(\.element)
            for candidate in ordered where hits.count < limit {
                guard let owner = try Self.owner(of: candidate.rowid, in: candidate.table, db),
                      includeArchived || !owner.archived, seen.insert(owner.conversationID).inserted
                else { continue }
                hits.append(
                    SearchHit(
                        conversationID: owner.conversationID, title: owner.title, messageID: owner.messageID,
                        snippet: Snippet(marked: candidate.snippet), score: candidate.score))
            }
            return hits
        }
    }

    /// The best rows of one FTS table by bm25, or the newest ones (score 0) when the query is too common, each
    /// with its marked passage.
    ///
    /// The passage comes from the same statement: a separate `MATCH … AND rowid = ?` per hit evaluated the whole
    /// query again, and for a prefix of a common word that meant re-reading its index entries twenty times.
    private static func ranked(_ table: String, match: String, limit: Int, _ db: Database) throws
        -> [(rowid: Int, score: Double, snippet: String)]
    {
        let probe = try db.prepare(
            "SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET \(rankingWindow - 1)")
        try probe.bind(.text(match))
        let common = try probe.step()
        let snippet = "snippet(\(table), 0, '\(Snippet.open)', '\(Snippet.close)', '…', 12)"
        let select = try db.prepare(
            common
                ? "SELECT rowid, 0, \(snippet) FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT ?"
                : "SELECT rowid, rank, \(snippet) FROM \(table) WHERE \(table) MATCH ? ORDER BY rank LIMIT ?")
        try select.bind(.text(match), .int(limit))
        var rows: [(Int, Double, String)] = []
        while try select.step() { rows.append((select.int(0), select.double(1), select.text(2))) }
        return rows
    }

    private static func owner(of rowid: Int, in table: String, _ db: Database) throws
        -> (conversationID: String, title: String, messageID: String?, archived: Bool)?
    {
        let sql = table == "conversation_fts"
            ? "SELECT id, title, NULL, archived FROM conversations WHERE num = ?"
            : "SELECT c.id, c.title, m.id, c.archived FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.num = ?"
        let select = try db.prepare(sql)
        try select.bind(.int(rowid))
        guard try select.step() else { return nil }
        return (select.text(0), select.text(1), select.optionalText(2), select.bool(3))
    }
}
