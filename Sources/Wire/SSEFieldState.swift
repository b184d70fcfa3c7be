/// The fields of the event being assembled from complete lines, per the WHATWG interpretation rules.
///
/// Kept apart from `SSEParser`, which only finds line ends and frame bytes, so each works on plain byte
/// buffers. Field names are compared as bytes and `data` lines are gathered as bytes; the event's text is
/// decoded once at dispatch. That equals decoding each line on its own: every split point is an ASCII byte,
/// and UTF-8 repair never joins an ASCII byte to an invalid sequence.
struct SSEFieldState: Sendable {
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType = ""
    private var lastEventID = ""
    private var blockHasLines = false

    /// The reconnection delay the server asked for in milliseconds, if any.
    private(set) var retry: Int?

    /// Takes one non-blank line, without its line end.
    mutating func take(line: UnsafeBufferPointer<UInt8>) {
        blockHasLines = true
        guard let first = line.first, first != UInt8(ascii: ":") else { return }
        var colon = 0
        while colon < line.count, line[colon] != UInt8(ascii: ":") { colon += 1 }
        let field = UnsafeBufferPointer(rebasing: line[..<colon])
        var valueStart = Swift.min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        if Self.field(field, is: "data") {
            data.append(contentsOf: value)
            data.append(0x0A)
            hasData = true
        } else if Self.field(field, is: "event") {
            eventType = String(decoding: value, as: UTF8.self)
        } else if Self.field(field, is: "id") {
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        } else if Self.field(field, is: "retry") {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retry = Self.decimal(value) }
        }
    }

    /// Ends the block at a blank line: an event if it had data, a keep-alive if it had any other line.
    mutating func dispatch() -> SSEFrame.Kind? {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = ""
            blockHasLines = false
        }
        if hasData {
            let text = data.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0.dropLast()), as: UTF8.self)
            }
            return .event(SSEEvent(type: eventType.isEmpty ? "message" : eventType, data: text, lastEventID: lastEventID))
        }
        return blockHasLines ? .keepAlive : nil
    }

    private static func field(_ bytes: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        for i in 0..<bytes.count where bytes[i] != name.utf8Start[i] { return false }
        return true
    }

    /// ASCII digits as an `Int`; `nil` when the number does not fit, as `Int(String)` gives.
    private static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var result = 0
        for digit in digits {
            let (shifted, overflowA) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(digit - 0x30))
            if overflowA || overflowB { return nil }
            result = sum
        }
        return result
    }
}
