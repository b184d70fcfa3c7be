/// A retrieved passage the answer leans on (Dify `retriever_resources`, PAIS `index_context_info`).
public struct Citation: Sendable, Equatable {
    public var id: String?
    public var position: Int?
    /// The document's name or title.
    public var title: String
    /// The collection it came from (Dify dataset, PAIS index).
    public var source: String?
    /// The passage text itself.
    public var content: String
    public var score: Double?
    public var url: String?
    /// Every other field the provider sent about the passage, as text, for the inspector.
    public var metadata: [String: String]?

    public init(
        id: String? = nil, position: Int? = nil, title: String, source: String? = nil, content: String,
        score: Double? = nil, url: String? = nil, metadata: [String: String]? = nil
    ) {
        self.id = id
        self.position = position
        self.title = title
        self.source = source
        self.content = content
        self.score = score
        self.url = url
        self.metadata = metadata
    }
}

/// A file or image that a reply or an agent step carries.
public struct Attachment: Sendable, Equatable {
    public var id: String?
    /// `image`, `document`, … as the provider says.
    public var type: String
    public var url: String?
    public var name: String?
    /// Who the file belongs to (Dify `belongs_to`: `user` or `assistant`).
    public var belongsTo: String?

    public init(id: String? = nil, type: String, url: String? = nil, name: String? = nil, belongsTo: String? = nil) {
        self.id = id
        self.type = type
        self.url = url
        self.name = name
        self.belongsTo = belongsTo
    }
}
