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

    /// A JSON array, one object per conversation, keys in snake case and sorted, times in ISO 8601 UTC.
    public var json: String {
        let items = conversations.map { c -> JSONLine.Value in
            var item = JSONLine()
            item.set("id", c.id)
            item.set("short_id", Self.shortID(c.id))
            item.set("title", c.title)
            item.set("provider", c.provider)
            item.set("profile", c.profile)
            item.set("remote_id", c.remoteID)
            item.set("created_at", TimeText.iso(c.createdAt))
            item.set("updated_at", TimeText.iso(c.updatedAt))
            item.set("pinned", .bool(c.pinned))
            item.set("archived", .bool(c.archived))
            item.set("messages", messageCounts[c.id] ?? 0)
            return .object(item)
        }
        return JSONLine.text(.array(items), .sorted) + "\n"
    }

    /// The first eight characters of an id, as lists show it and as `show` accepts it.
    public static func shortID(_ id: String) -> String { String(id.prefix(8)) }
}

/// Time text shared by the command-line formatters.
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
}
