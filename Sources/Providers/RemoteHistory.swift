import ChatModel
import Foundation

/// One conversation as a provider's own history lists it (Dify conversation, Helix session).
public struct RemoteConversation: Sendable, Equatable {
    public var id: String
    public var title: String
    public var createdAt: Date?
    public var updatedAt: Date?
    /// A short line about the conversation: Helix's last prompt, Dify's introduction.
    public var summary: String?
    public var model: String?

    public init(
        id: String, title: String, createdAt: Date? = nil, updatedAt: Date? = nil, summary: String? = nil,
        model: String? = nil
    ) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.summary = summary
        self.model = model
    }
}

/// One page of a provider's conversation list and how to ask for the next.
public struct RemoteConversationPage: Sendable, Equatable {
    public var conversations: [RemoteConversation]
    public var hasMore: Bool
    /// The cursor for the next page (Dify `last_id`), for cursor-paged lists.
    public var nextCursor: String?
    /// Total count, when the server tells it (Helix).
    public var totalCount: Int?

    public init(conversations: [RemoteConversation], hasMore: Bool, nextCursor: String? = nil, totalCount: Int? = nil) {
        self.conversations = conversations
        self.hasMore = hasMore
        self.nextCursor = nextCursor
        self.totalCount = totalCount
    }
}

/// One page of a conversation's messages, oldest first, and how to ask for older ones.
public struct RemoteTranscriptPage: Sendable, Equatable {
    public var messages: [Message]
    /// True when older messages exist.
    public var hasMore: Bool
    /// The cursor for the previous page (Dify `first_id`: the oldest message id of this page).
    public var olderCursor: String?

    public init(messages: [Message], hasMore: Bool = false, olderCursor: String? = nil) {
        self.messages = messages
        self.hasMore = hasMore
        self.olderCursor = olderCursor
    }
}

/// Shared reading of companion-endpoint replies: an error status becomes the provider's error, a 2xx a JSON object.
enum CompanionReply {
    static func object(
        status: Int, body: [UInt8], error: (Int, [UInt8]) -> ProviderError = ErrorDocument.providerError
    ) throws -> JSONObject {
        guard (200..<300).contains(status) else { throw error(status, body) }
        guard let json = JSONObject(bytes: body) else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            throw ProviderError(kind: .decoding, status: status, message: "Expected a JSON object but got: \(text)")
        }
        return json
    }

    /// Checks a reply whose body does not matter (deletes, feedback); an empty 2xx body is fine.
    static func success(
        status: Int, body: [UInt8], error: (Int, [UInt8]) -> ProviderError = ErrorDocument.providerError
    ) throws {
        guard (200..<300).contains(status) else { throw error(status, body) }
    }
}

/// Parses RFC 3339 times with 0 to 9 fractional digits and `Z` or an offset, as Go and Python write them.
enum RFC3339 {
    static func date(_ text: String?) -> Date? {
        // Go writes unset times as the zero time.
        guard let text, !text.isEmpty, !text.hasPrefix("0001-01-01") else { return nil }
        var base = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix(while: \.isNumber)
            fraction = Double("0." + digits) ?? 0
            base = String(text[..<dot]) + String(text[text.index(after: dot)...].dropFirst(digits.count))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: base) else { return nil }
        return date.addingTimeInterval(fraction)
    }
}

extension JSONObject {
    /// A Unix time in seconds (Dify `created_at`).
    func unixDate(_ key: String) -> Date? {
        double(key).map { Date(timeIntervalSince1970: $0) }
    }
}
