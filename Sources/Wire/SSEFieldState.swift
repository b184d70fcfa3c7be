/// The fields of the event being assembled from complete lines, per the WHATWG interpretation rules.
///
/// Kept apart from `SSEParser`, which only finds line ends and frame bytes, so each works on plain byte
/// buffers. Field names are compared as bytes; `data` values are remembered by their place in the stream
/// and taken from the frame's bytes at dispatch, so a one-line event's data is a slice of its frame.
struct SSEFieldState: Sendable {
    /// Stream offsets of the block's `data` values, in order.
    private var firstData: Range<Int>?
    private var moreData: [Range<Int>] = []
    private var eventType = ""
    private var lastEventID = ""
    private var blockHasLines = false

    /// The reconnection delay the server asked for in milliseconds, if any.
    private(set) var retry: Int?

    /// True while no line has been taken since the last dispatch: a blank line now ends no frame.
    var isEmpty: Bool { !blockHasLines }

    /// Takes one non-blank line, without its line end, that starts at stream offset `offset`.
    mutating func take(line: UnsafeBufferPointer<UInt8>, at offset: Int) {
        blockHasLines = true
        guard let first = line.first, first != UInt8(ascii: ":") else { return }
        var colon = 0
        while colon < line.count, line[colon] != UInt8(ascii: ":") { colon += 1 }
        let field = UnsafeBufferPointer(rebasing: line[..<colon])
        var valueStart = Swift.min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        if Self.field(field, is: "data") {
            let place = offset + valueStart..<offset + line.count
            if firstData == nil { firstData = place } else { moreData.append(place) }
        } else if Self.field(field, is: "event") {
            eventType = String(decoding: value, as: UTF8.self)
        } else if Self.field(field, is: "id") {
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        } else if Self.field(field, is: "retry") {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retry = Self.decimal(value) }
        }
    }

    /// Ends a non-empty block at a blank line: an event if it had data, else a keep-alive. `frame` holds
    /// every byte of the block and starts at stream offset `frameOffset`.
    mutating func dispatch(frame: [UInt8], at frameOffset: Int) -> SSEFrame.Kind {
        defer {
            firstData = nil
            moreData.removeAll(keepingCapacity: true)
            eventType = ""
            blockHasLines = false
        }
        guard let first = firstData else { return .keepAlive }
        let data: ArraySlice<UInt8>
        if moreData.isEmpty {
            data = frame[first.lowerBound - frameOffset..<first.upperBound - frameOffset]
        } else {
            var joined: [UInt8] = []
            joined.append(contentsOf: frame[first.lowerBound - frameOffset..<first.upperBound - frameOffset])
            for place in moreData {
                joined.append(0x0A)
                joined.append(contentsOf: frame[place.lowerBound - frameOffset..<place.upperBound - frameOffset])
            }
            data = joined[...]
        }
        return .event(SSEEvent(type: eventType.isEmpty ? "message" : eventType, dataBytes: data, lastEventID: lastEventID))
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
