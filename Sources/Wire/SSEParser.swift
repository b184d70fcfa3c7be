/// A byte-level, incremental event-stream parser that follows the WHATWG rules exactly.
///
/// Feed it bytes in any chunking; it returns the same frames. Lines end at CR, LF or CRLF (a CRLF split
/// across two feeds counts once); a leading BOM is dropped; one space after the colon is stripped. A block
/// that dispatches nothing (only comments, or fields without data such as Dify's `event: ping`) is not an
/// event but surfaces as one keep-alive frame, so the inspector and idle timers see it. A stray blank line
/// dispatches nothing; its bytes join the next frame.
/// Lines are decoded as UTF-8 only once complete, so a character split between reads survives.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var consumed = 0
    private var lastByteWasCR = false
    private var atStreamStart = true

    private var data = ""
    private var hasData = false
    private var eventType = ""
    private var lastEventID = ""
    private var blockHasLines = false

    /// The reconnection delay the server asked for in milliseconds, if any.
    public private(set) var retry: Int?

    public init() {}

    /// Consumes the next bytes of the stream and returns every frame they complete.
    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> [SSEFrame] where Bytes.Element == UInt8 {
        var frames: [SSEFrame] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed($0, into: &frames) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { feed($0, into: &frames) } }
        return frames
    }

    /// Ends the stream: an incomplete event is discarded, but its bytes come back as a `.tail` frame.
    ///
    /// Leftover bytes that are only line ends carry nothing (typically the LF of a CRLF whose CR ended the
    /// last frame in an earlier read) and produce no frame.
    public mutating func finish() -> [SSEFrame] {
        defer { self = SSEParser() }
        guard pending.contains(where: { $0 != 0x0A && $0 != 0x0D }) else { return [] }
        return [SSEFrame(kind: .tail, offset: pendingOffset, bytes: pending)]
    }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into frames: inout [SSEFrame]) {
        var start = 0
        while start < bytes.count {
            if lastByteWasCR {
                lastByteWasCR = false
                if bytes[start] == 0x0A {
                    takeLFAfterCR(into: &frames)
                    start += 1
                    continue
                }
            }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            line.append(contentsOf: text)
            pending.append(contentsOf: text)
            consumed += end - start
            guard end < bytes.count else { return }
            pending.append(bytes[end])
            consumed += 1
            lastByteWasCR = bytes[end] == 0x0D
            endLine(into: &frames)
            start = end + 1
        }
    }

    /// The LF of a CRLF: the CR already ended the line, so this byte only joins the raw bytes, preferably
    /// of the frame that CR completed.
    private mutating func takeLFAfterCR(into frames: inout [SSEFrame]) {
        consumed += 1
        if pending.isEmpty, !frames.isEmpty {
            frames[frames.count - 1].bytes.append(0x0A)
            pendingOffset = consumed
        } else {
            pending.append(0x0A)
        }
    }

    private mutating func endLine(into frames: inout [SSEFrame]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        if bytes.isEmpty {
            dispatch(into: &frames)
            return
        }
        blockHasLines = true
        if bytes.first == UInt8(ascii: ":") { return }
        let field: String
        var value: Substring.UTF8View.SubSequence
        let text = Substring(decoding: bytes, as: UTF8.self)
        if let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) {
            field = String(text[..<colon])
            value = text.utf8[text.utf8.index(after: colon)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = String(text)
            value = text.utf8[text.utf8.endIndex...]
        }
        apply(field: field, value: String(Substring(value)))
    }

    private mutating func apply(field: String, value: String) {
        switch field {
        case "event":
            eventType = value
        case "data":
            data += value
            data += "\n"
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastEventID = value }
        case "retry":
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retry = Int(value) }
        default:
            break
        }
    }

    private mutating func dispatch(into frames: inout [SSEFrame]) {
        defer {
            data = ""
            hasData = false
            eventType = ""
            blockHasLines = false
        }
        if hasData {
            let event = SSEEvent(
                type: eventType.isEmpty ? "message" : eventType, data: String(data.dropLast()),
                lastEventID: lastEventID)
            emit(.event(event), into: &frames)
        } else if blockHasLines {
            emit(.keepAlive, into: &frames)
        }
    }

    private mutating func emit(_ kind: SSEFrame.Kind, into frames: inout [SSEFrame]) {
        frames.append(SSEFrame(kind: kind, offset: pendingOffset, bytes: pending))
        pendingOffset = consumed
        pending.removeAll(keepingCapacity: true)
    }
}
