/// A JSON value as `JSONReader` reads it: objects keep their key order and numbers keep their text.
///
/// Key order lets the fixture server answer exactly as a scenario was authored; number text lets a price
/// such as `0.0012` stay exact and lets a reader choose `Int`, `Double` or `Decimal` itself. Typed accessors
/// are strict (a number is not a string); `JSONObject` in Providers adds the lenient reading adapters use.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `-1.5e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a repeated key is kept, and lookups take its last occurrence.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Parses text that must be exactly one JSON value; `nil` for anything else.
    public init?<Bytes: Collection>(parsing bytes: Bytes) where Bytes.Element == UInt8 {
        guard let value = try? JSONReader.parse(bytes) else { return nil }
        self = value
    }

    /// The value of a key of an object (its last occurrence); nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number as an `Int`; a fraction is truncated, and a number out of range reads as nil.
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Self.integer(text)
    }

    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Number text as an `Int`, truncating a fraction; nil when it does not fit.
    public static func integer(_ text: String) -> Int? {
        if let exact = Int(text) { return exact }
        guard let double = Double(text), double.isFinite else { return nil }
        return Int(exactly: double.rounded(.towardZero))
    }

    /// Compact JSON text: no spaces, keys in their original order, non-ASCII characters written as UTF-8.
    public var compactText: String { JSONLine.text(lineValue(lastKeyOnly: false)) }

    /// Compact JSON text with each object's keys sorted and a repeated key written once (its last value),
    /// as `JSONSerialization` writes with `.sortedKeys`.
    public var sortedCompactText: String { JSONLine.text(lineValue(lastKeyOnly: true), .sorted) }

    /// Indented JSON text for reading: two spaces per level, keys in their original order, numbers as sent.
    public var prettyText: String { JSONLine.text(lineValue(lastKeyOnly: false), JSONLine.Layout(pretty: true)) }

    /// The text of a JSON string literal without its quotes (shared with `parley --jsonl` output).
    public static func escape(_ text: String) -> String { JSONLine.escape(text) }

    /// The value for `JSONLine`, the one writer; numbers keep their text.
    private func lineValue(lastKeyOnly: Bool) -> JSONLine.Value {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .number(text)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map { $0.lineValue(lastKeyOnly: lastKeyOnly) })
        case .object(let members):
            let lastIndex = lastKeyOnly
                ? Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { _, later in later }) : [:]
            var object = JSONLine()
            for (i, member) in members.enumerated() where !lastKeyOnly || lastIndex[member.key] == i {
                object.set(member.key, member.value.lineValue(lastKeyOnly: lastKeyOnly))
            }
            return .object(object)
        }
    }
}
