import ChatModel
import Foundation
import Store

/// Formats stored conversations for `parley conversations list`: an aligned table, or a JSON array.
///
/// It lives beside `EventPrinter` so the executable stays wiring only and the formats can be tested without
/// a process. Text is not sanitized here; the caller makes control characters visible before writing.
public struct ConversationListing: Sendable {
    public var conversations: [Conversation]
    /// Message counts by conversation id; a conversation absent here has none.
    public var messageCounts: [String: Int]
    public var timeZone: TimeZone

    public init(conversations: [Conversation], messageCounts: [String: Int], timeZone: TimeZone = .current) {
        self.conversations = conversations
        self.messageCounts = messageCounts
        self.timeZone = timeZone
    }

    /// One header line and one line per conversation: short id, updated time, provider, message count and
    /// title, with `(pinned)` and `(archived)` after the title.
    public var table: String {
        let header = ["ID", "UPDATED", "PROVIDER", "MSGS", "TITLE"]
        let rows = conversations.map { c -> [String] in
            var title = c.title.isEmpty ? "Untitled" : c.title
            title = title.replacingOccurrences(of: "\n", with: " ")
            if c.pinned { title += "  (pinned)" }
            if c.archived { title += "  (archived)" }
            return [
                Self.shortID(c.id), TimeText.minute(c.updatedAt, timeZone: timeZone), c.provider,
                String(messageCounts[c.id] ?? 0), title,
            ]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                switch i {
                case cells.count - 1: return cell
                case 3: return String(repeating: " ", count: widths[i] - cell.count) + cell
                default: return cell + String(repeating: " ", count: widths[i] - cell.count)
                }
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A JSON array, one object per conversation, keys in snake case, times in ISO 8601 UTC.
    public var json: String {
        let items = conversations.map {
            Item(
                id: $0.id, shortId: Self.shortID($0.id), title: $0.title, provider: $0.provider, profile: $0.profile,
                remoteId: $0.remoteID, createdAt: TimeText.iso($0.createdAt), updatedAt: TimeText.iso($0.updatedAt),
                pinned: $0.pinned, archived: $0.archived, messages: messageCounts[$0.id] ?? 0)
        }
        return TimeText.encode(items) + "\n"
    }

    /// The first eight characters of an id, as lists show it and as `show` accepts it.
    public static func shortID(_ id: String) -> String { String(id.prefix(8)) }

    private struct Item: Encodable {
        var id: String
        var shortId: String
        var title: String
        var provider: String
        var profile: String?
        var remoteId: String?
        var createdAt: String
        var updatedAt: String
        var pinned: Bool
        var archived: Bool
        var messages: Int

        enum CodingKeys: String, CodingKey {
            case id, shortId, title, provider, profile, remoteId, createdAt, updatedAt, pinned, archived, messages
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(shortId, forKey: .shortId)
            try c.encode(title, forKey: .title)
            try c.encode(provider, forKey: .provider)
            try c.encode(profile, forKey: .profile)
            try c.encode(remoteId, forKey: .remoteId)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(updatedAt, forKey: .updatedAt)
            try c.encode(pinned, forKey: .pinned)
            try c.encode(archived, forKey: .archived)
            try c.encode(messages, forKey: .messages)
        }
    }
}

/// Time and JSON text shared by the command-line formatters.
enum TimeText {
    /// `2026-01-01 09:41` in the given zone.
    static func minute(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `2026-01-01T09:41:09Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Compact JSON with snake-case keys in sorted order (stable for scripts and tests), slashes unescaped.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
