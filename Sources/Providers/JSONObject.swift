import Foundation

/// Lenient read access to one decoded JSON object.
///
/// Servers disagree on nulls, missing keys and number-versus-string; adapters read through this so a
/// field of an unexpected type reads as absent instead of failing the whole event.
public struct JSONObject {
    public let fields: [String: Any]

    public init(_ fields: [String: Any]) {
        self.fields = fields
    }

    /// Parses text that must be one JSON object; `nil` for anything else.
    public init?<Text: StringProtocol>(text: Text) {
        self.init(bytes: Array(text.utf8))
    }

    /// Parses bytes that must be one JSON object; `nil` for anything else.
    public init?(bytes: [UInt8]) {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
            let fields = value as? [String: Any]
        else { return nil }
        self.fields = fields
    }

    public func has(_ key: String) -> Bool {
        guard let value = fields[key] else { return false }
        return !(value is NSNull)
    }

    public func string(_ key: String) -> String? {
        switch fields[key] {
        case let s as String: return s
        case let n as NSNumber where !(fields[key] is Bool): return n.stringValue
        default: return nil
        }
    }

    public func int(_ key: String) -> Int? {
        switch fields[key] {
        case let n as NSNumber: return n.intValue
        case let s as String: return Int(s)
        default: return nil
        }
    }

    public func double(_ key: String) -> Double? {
        switch fields[key] {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return Double(s)
        default: return nil
        }
    }

    public func bool(_ key: String) -> Bool? {
        fields[key] as? Bool
    }

    /// A price or amount sent as a string (Dify) or a number, kept exact.
    public func decimal(_ key: String) -> Decimal? {
        switch fields[key] {
        case let s as String: return Decimal(string: s)
        case let n as NSNumber: return Decimal(string: n.stringValue)
        default: return nil
        }
    }

    public func object(_ key: String) -> JSONObject? {
        (fields[key] as? [String: Any]).map(JSONObject.init)
    }

    public func objects(_ key: String) -> [JSONObject] {
        ((fields[key] as? [Any]) ?? []).compactMap { ($0 as? [String: Any]).map(JSONObject.init) }
    }

    /// A value re-encoded as compact JSON text (for tool inputs sent as objects), or the string itself.
    public func text(_ key: String) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        if let s = value as? String { return s }
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Encodes a request body; keys sorted so requests are stable in tests and recordings.
public func encodeJSONBody(_ object: [String: Any]) throws -> [UInt8] {
    [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
}
