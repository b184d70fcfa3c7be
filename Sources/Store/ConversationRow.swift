/// A `conversations` row exactly as stored; dates are seconds since 1970.
struct ConversationRow: Equatable {
    var id: String
    var title: String
    var provider: String
    var profile: String?
    var remoteID: String?
    var createdAt: Double
    var updatedAt: Double
    var archived: Bool
    var pinned: Bool

    static let columns = "id, title, provider, profile, remote_id, created_at, updated_at, archived, pinned"

    /// Reads the row from a statement that selected `columns` first.
    init(_ s: Statement) {
        id = s.text(0)
        title = s.text(1)
        provider = s.text(2)
        profile = s.optionalText(3)
        remoteID = s.optionalText(4)
        createdAt = s.double(5)
        updatedAt = s.double(6)
        archived = s.bool(7)
        pinned = s.bool(8)
    }

    init(
        id: String, title: String, provider: String, profile: String?, remoteID: String?, createdAt: Double,
        updatedAt: Double, archived: Bool, pinned: Bool
    ) {
        self.id = id
        self.title = title
        self.provider = provider
        self.profile = profile
        self.remoteID = remoteID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archived = archived
        self.pinned = pinned
    }

    var values: [SQLValue] {
        [.text(id), .text(title), .text(provider), .textOrNull(profile), .textOrNull(remoteID), .double(createdAt),
         .double(updatedAt), .bool(archived), .bool(pinned)]
    }
}
