import ChatModel
import Foundation
import Wire

/// Lenient read access to one decoded JSON object.
///
/// Servers disagree on nulls, missing keys and number-versus-string; adapters read through this so a
/// field of an unexpected type reads as absent instead of failing the whole event: a null reads as absent,
/// a number may come as a string (and reads as a string as its exact text). Parsing goes through
/// `JSONReader`, the project's one JSON reader.
public struct JSONObject: Sendable {
    /// The members in document order; a repeated key reads as its last occurrence.
    public let members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)]) {
        self.members = members
    }

    /// Parses text that must be one JSON object; `nil` for anything else.
    public init?<Text: StringProtocol>(text: Text) {
        guard let value = try? JSONReader.parse(text), let members = value.objectMembers else { return nil }
        self.members = members
    }

    /// Parses bytes that must be one JSON object; `nil` for anything else. Invalid UTF-8 reads as U+FFFD, as
    /// in an event: a server's one bad byte should not cost the user the whole reply.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        if let value = JSONValue(parsing: bytes), let members = value.objectMembers {
            self.members = members
        } else if let repaired = JSONObject(text: String(decoding: bytes, as: UTF8.self)) {
            self = repaired
        } else {
            return nil
        }
    }

    /// An event's data as one JSON object; `nil` for anything else.
    ///
    /// The data's bytes are read directly, without building the event's text. JSON that reads is valid
    /// UTF-8, so it reads as the text would; bytes that do not read get a second try as the text, where
    /// invalid UTF-8 has become U+FFFD, so an event reads exactly as it did from its text.
    public init?(event: SSEEvent) {
        guard let object = JSONObject(bytes: event.dataBytes) else { return nil }
        self = object
    }

    /// An event's data as one JSON object with only the members named in `keys`, for a decoder that reads no
    /// others: the rest are checked but not built. `nil` exactly when `init?(event:)` would be.
    public init?(event: SSEEvent, keeping keys: [String]) {
        let parsed = event.dataBytes.withContiguousStorageIfAvailable { JSONReader.parse(buffer: $0, keeping: keys) }
        if case .success(let value)? = parsed, let members = value.objectMembers {
            self.members = members
            return
        }
        guard let object = JSONObject(text: event.data) else { return nil }
        self.members = object.members.filter { keys.contains($0.key) }
    }

    /// The keys in document order, each once.
    public var keys: [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// The raw value of a key; `nil` when it is missing (a JSON null comes back as `.null`).
    public subscript(key: String) -> JSONValue? {
        for member in members.reversed() where member.key == key { return member.value }
        return nil
    }

    public func has(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return value != .null
    }

    public func string(_ key: String) -> String? {
        Self.string(self[key])
    }

    public func int(_ key: String) -> Int? {
        Self.int(self[key])
    }

    /// A value as `string(_:)` reads a member: a string, or a number's text.
    static func string(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?, .number(let text)?: return text
        default: return nil
        }
    }

    /// A value as `int(_:)` reads a member: a number (a fraction truncated), or a string of an integer.
    static func int(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let text)?: return JSONValue.integer(text)
        case .string(let text)?: return Int(text)
        default: return nil
        }
    }

    /// A value as `objects(_:)` reads a member: the objects in an array.
    static func objects(_ value: JSONValue?) -> [JSONObject] {
        (value?.arrayValue ?? []).compactMap { $0.objectMembers.map(JSONObject.init) }
    }

    public func double(_ key: String) -> Double? {
        switch self[key] {
        case .number(let text)?, .string(let text)?: return Double(text)
        default: return nil
        }
    }

    /// A JSON boolean; the numbers 0 and 1 also read as false and true.
    public func bool(_ key: String) -> Bool? {
        switch self[key] {
        case .bool(let flag)?: return flag
        case .number(let text)?: return Double(text).flatMap { $0 == 0 ? false : $0 == 1 ? true : nil }
        default: return nil
        }
    }

    /// A price or amount sent as a string (Dify) or a number, kept exact.
    /// A price as the server wrote it, number or string; `nil` for anything else.
    public func price(_ key: String) -> Price? {
        switch self[key] {
        case .number(let text)?, .string(let text)?: return Price(text)
        default: return nil
        }
    }

    public func decimal(_ key: String) -> Decimal? {
        switch self[key] {
        case .number(let text)?, .string(let text)?: return Decimal(string: text)
        default: return nil
        }
    }

    public func object(_ key: String) -> JSONObject? {
        self[key]?.objectMembers.map(JSONObject.init)
    }

    /// The objects in an array; other items are skipped.
    public func objects(_ key: String) -> [JSONObject] {
        Self.objects(self[key])
    }

    /// The strings in an array; other items are skipped.
    public func strings(_ key: String) -> [String] {
        (self[key]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The items of an array, whatever their types.
    public func values(_ key: String) -> [JSONValue] {
        self[key]?.arrayValue ?? []
    }

    /// A value re-encoded as compact JSON text with sorted keys (for tool inputs sent as objects), or the
    /// string itself.
    public func text(_ key: String) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let value?: return value.sortedCompactText
        }
    }
}

/// Encodes a request body; keys sorted so requests are stable in tests and recordings.
public func encodeJSONBody(_ object: JSONLine) -> [UInt8] {
    Array(object.text(.sorted).utf8)
}
