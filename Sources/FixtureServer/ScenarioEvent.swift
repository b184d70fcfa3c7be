import ChatModel
import Foundation

/// One step of a scenario: an optional pause, then bytes to send or a fault to inject.
///
/// In a scenario file each event is an object with an optional `delay_ms` and exactly one of the keys
/// below; every event that sends bytes goes out as one write and flush.
public struct ScenarioEvent: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// `data`: a JSON value (written compactly, keys in file order) or a string (written as is),
        /// sent as `data: <text>\n\n`; with `event`, an `event: <name>` line comes first.
        case data(event: String?, text: String)
        /// `comment`: sent as `: <text>\n\n`.
        case comment(String)
        /// `raw`: exact text, nothing added.
        case raw(String)
        /// `raw_base64`: exact bytes, which may be invalid UTF-8, given in base64; nothing added.
        case bytes([UInt8])
        /// `body`: a whole non-SSE body (a JSON value or a string).
        case body(String)
        /// `malformed`: like `data`, but the JSON is cut in half so it cannot parse.
        case malformed(String)
        /// `stall`: no bytes for N milliseconds, or `"forever"` (nil) until the client goes away.
        case stall(milliseconds: Int?)
        /// `reset`: close the connection abruptly with a TCP RST.
        case reset
        /// `drip`: `{"bytes": N, "every_ms": M}`; every later event goes out N bytes at a time, M ms apart.
        case drip(bytes: Int, everyMilliseconds: Int)
    }

    public var delayMilliseconds: Int
    public var action: Action

    public init(delayMilliseconds: Int = 0, action: Action) {
        self.delayMilliseconds = delayMilliseconds
        self.action = action
    }

    init(json: JSONValue) throws {
        func fail(_ reason: String) -> ScenarioError { ScenarioError(source: "", reason: reason) }
        delayMilliseconds = json["delay_ms"]?.intValue ?? 0
        if let data = json["data"] {
            action = .data(event: json["event"]?.stringValue, text: Self.text(of: data))
        } else if let comment = json["comment"] {
            action = .comment(Self.text(of: comment))
        } else if let raw = json["raw"]?.stringValue {
            action = .raw(raw)
        } else if let encoded = json["raw_base64"]?.stringValue {
            guard let bytes = Data(base64Encoded: encoded) else { throw fail("\"raw_base64\" is not base64") }
            action = .bytes([UInt8](bytes))
        } else if let body = json["body"] {
            action = .body(Self.text(of: body))
        } else if let malformed = json["malformed"] {
            action = .malformed(Self.text(of: malformed))
        } else if let stall = json["stall"] {
            if stall.stringValue == "forever" {
                action = .stall(milliseconds: nil)
            } else if let milliseconds = stall.intValue, milliseconds >= 0 {
                action = .stall(milliseconds: milliseconds)
            } else {
                throw fail("\"stall\" must be milliseconds or \"forever\"")
            }
        } else if json["reset"]?.boolValue == true {
            action = .reset
        } else if let drip = json["drip"] {
            guard let bytes = drip["bytes"]?.intValue, bytes > 0, let every = drip["every_ms"]?.intValue, every >= 0
            else { throw fail("\"drip\" needs \"bytes\" > 0 and \"every_ms\"") }
            action = .drip(bytes: bytes, everyMilliseconds: every)
        } else {
            throw fail("needs one of data, comment, raw, raw_base64, body, malformed, stall, reset, drip")
        }
    }

    private static func text(of value: JSONValue) -> String {
        value.stringValue ?? value.compactText
    }
}
