/// Finding a message by what a user types: its id, the first characters of it, or the provider's id for it.
extension SQLiteStore {
    /// The id of the one message whose local id is `text` or starts with it, else of the one whose remote id
    /// is `text`; `nil` when none is. Throws `invalidInput` when a prefix names several messages.
    public func findMessageID(_ text: String) throws -> String? {
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
            let remote = try db.prepare("SELECT id FROM messages WHERE remote_id = ? LIMIT 1")
            try remote.bind(.text(text))
            return try remote.step() ? remote.text(0) : nil
        }
    }
}
