import Foundation

/// A JSON object whose keys keep the order they were added in, written as one line.
///
/// `parley send --jsonl` and `parley replay --jsonl` promise `type` first; `JSONSerialization` does not
/// keep order, so lines are written by hand here.
public struct JSONLine: Sendable {
    private var fields: [(String, Value)] = []

    /// A JSON value that can sit in a line.
    public enum Value: Sendable {
        case string(String)
        case int(Int)
        case double(Double)
        case decimal(Decimal)
        case bool(Bool)
        case null
        case object(JSONLine)
        case array([Value])
    }

    public init() {}

    /// Adds a field; `nil` optionals are written as JSON `null`.
    public mutating func set(_ key: String, _ value: Value) {
        fields.append((key, value))
    }

    public mutating func set(_ key: String, _ value: String?) {
        set(key, value.map(Value.string) ?? .null)
    }

    public mutating func set(_ key: String, _ value: Int?) {
        set(key, value.map(Value.int) ?? .null)
    }

    /// Adds a field only when there is a value; absent optionals leave the key out.
    public mutating func setIfPresent(_ key: String, _ value: String?) {
        if let value { set(key, .string(value)) }
    }

    public mutating func setIfPresent(_ key: String, _ value: Int?) {
        if let value { set(key, .int(value)) }
    }

    /// A JSON array of values as compact text.
    public static func arrayText(_ items: [Value]) -> String {
        var out = ""
        write(.array(items), into: &out)
        return out
    }

    /// The object as compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        out += "{"
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out += "," }
            JSONLine.writeString(key, into: &out)
            out += ":"
            JSONLine.write(value, into: &out)
        }
        out += "}"
    }

    private static func write(_ value: Value, into out: inout String) {
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .decimal(let d): out += "\(d)"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .object(let o): o.write(into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        out += escape(s)
        out += "\""
    }

    /// The text of a JSON string literal without its quotes: quotes, backslashes and control characters escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
