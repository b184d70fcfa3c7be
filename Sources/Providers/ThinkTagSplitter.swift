import ChatModel

/// Splits streamed text into answer text and `<think>…</think>` reasoning, even when a tag is cut across chunks.
///
/// Helix agent streams inline their reasoning in `delta.content` between literal tags; a chunk may end in the
/// middle of a tag, so the possible start of a tag is held back until the next chunk decides it.
struct ThinkTagSplitter: Sendable {
    private static let open = Array("<think>".utf8)
    private static let close = Array("</think>".utf8)
    private var inside = false
    /// The end of the last piece that may be the start of a tag.
    private var held = ""

    /// Events for the next piece of content. The tags are ASCII, so the text is searched as UTF-8 bytes and
    /// cut into substrings of itself: a 20 MB piece costs its own size, not an array of characters (16 bytes
    /// each) and copies of it.
    mutating func feed(_ piece: String) -> [StreamEvent] {
        let text = held.isEmpty ? piece : held + piece
        held = ""
        var events: [StreamEvent] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let tag = inside ? Self.close : Self.open
            if let found = Self.find(tag, in: rest) {
                emit(rest[..<found.lowerBound], into: &events)
                inside.toggle()
                rest = rest[found.upperBound...]
            } else {
                let keep = Self.partialTagLength(at: rest, tag: tag)
                let cut = rest.utf8.index(rest.utf8.endIndex, offsetBy: -keep)
                emit(rest[..<cut], into: &events)
                held = String(rest[cut...])
                rest = ""
            }
        }
        return events
    }

    /// Whatever was held back, released as-is because no more content is coming.
    mutating func flush() -> [StreamEvent] {
        var events: [StreamEvent] = []
        emit(held[...], into: &events)
        held = ""
        return events
    }

    /// Passes non-text events through, splits text, and flushes before any terminal event.
    mutating func split(_ events: [StreamEvent]) -> [StreamEvent] {
        var out: [StreamEvent] = []
        for event in events {
            if case .text(let piece) = event {
                out += feed(piece)
            } else {
                if event.isTerminal { out += flush() }
                out.append(event)
            }
        }
        return out
    }

    private func emit(_ text: Substring, into events: inout [StreamEvent]) {
        guard !text.isEmpty else { return }
        events.append(inside ? .reasoning(String(text)) : .text(String(text)))
    }

    /// Where `tag` first occurs in `text`, as indices of `text`.
    private static func find(_ tag: [UInt8], in text: Substring) -> Range<Substring.Index>? {
        let bytes = text.utf8
        var from = bytes.startIndex
        while let start = bytes[from...].firstIndex(of: tag[0]) {
            if bytes[start...].starts(with: tag) { return start..<bytes.index(start, offsetBy: tag.count) }
            from = bytes.index(after: start)
        }
        return nil
    }

    /// The length in bytes of the longest end of `text` that is a proper beginning of `tag`.
    private static func partialTagLength(at text: Substring, tag: [UInt8]) -> Int {
        let bytes = text.utf8
        var length = min(tag.count - 1, bytes.count)
        while length > 0 {
            if bytes.suffix(length).elementsEqual(tag[..<length]) { return length }
            length -= 1
        }
        return 0
    }
}
