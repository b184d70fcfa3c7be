/// A provider profile as the store remembers it: what it was called, what it talks to, never its secrets.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// The provider kind (`openai`, `dify`, `helix`, …).
    public var kind: String
    public var baseURL: String?

    public init(name: String, kind: String, baseURL: String? = nil) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
    }
}
