import ChatModel

/// Finding a message by what a user types: its id, the first characters of it, or the provider's id for it.
extension SQLiteStore {
    /// The id of the one message whose local id is `text` or starts with it, else of the one whose remote id
    /// is `text`, else of the one (of `role`, when given) whose remote id starts with it; `nil` when none is.
    /// Throws `invalidInput` when a prefix names several messages.
    public func findMessageID(_ text: String, role: ChatMessage.Role? = nil) throws -> String? {
        try locked { db in
            let local = try db.prepare("SELECT id FROM messages WHERE id >= ? AND id < ? ORDER BY id LIMIT 2")
            try local.bind(.text(text), .text(text + "\u{10FFFF}"))
            var ids: [String] = []
            while try local.step() { ids.append(local.text(0)) }
            if ids.contains(text) { return text }
            if ids.count > 1 {
                throw StoreError(kind: .invalidInput, message: "Several messages start with \(text); give more of the id.")
            }
            if let id = ids.first { return id }
            let exact = try db.prepare("SELECT id FROM messages WHERE remote_id = ? LIMIT 1")
            try exact.bind(.text(text))
            if try exact.step() { return exact.text(0) }
            let prefix = try db.prepare(
                """
                SELECT MIN(id), remote_id FROM messages WHERE remote_id >= ? AND remote_id < ? AND (? IS NULL OR role = ?)
                GROUP BY remote_id LIMIT 2
                """)
            let wanted: SQLValue = role.map { .text($0.rawValue) } ?? .null
            try prefix.bind(.text(text), .text(text + "\u{10FFFF}"), wanted, wanted)
            var found: [String] = []
            while try prefix.step() { found.append(prefix.text(0)) }
            if found.count > 1 {
                throw StoreError(kind: .invalidInput, message: "Several messages' server ids start with \(text); give more of the id.")
            }
            return found.first
        }
    }
}
