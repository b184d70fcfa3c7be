/// Message counts for conversation lists.
extension SQLiteStore {
    /// How many messages each of the given conversations holds; conversations without messages are absent.
    ///
    /// One grouped query over the `messages_conversation` index, one statement per 500 conversations.
    public func messageCounts(conversations ids: [String]) throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        return try locked { db in
            var counts: [String: Int] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let batch = ids[start..<min(start + 500, ids.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let select = try db.prepare(
                    "SELECT conversation_id, COUNT(*) FROM messages WHERE conversation_id IN (\(placeholders)) "
                        + "GROUP BY conversation_id")
                try select.bind(batch.map { SQLValue.text($0) })
                while try select.step() { counts[select.text(0)] = select.int(1) }
            }
            return counts
        }
    }
}
