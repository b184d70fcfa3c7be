import ChatModel

/// Splits streamed text into answer text and `<think>…</think>` reasoning, even when a tag is cut across chunks.
///
/// Helix agent streams inline their reasoning in `delta.content` between literal tags; a chunk may end in the
/// middle of a tag, so the possible start of a tag is held back until the next chunk decides it.
struct ThinkTagSplitter: Sendable {
    private static let open = Array("<think>")
    private static let close = Array("</think>")
    private var inside = false
    private var held: [Character] = []

    /// Events for the next piece of content.
    mutating func feed(_ piece: String) -> [StreamEvent] {
        var text = held + Array(piece)
        held = []
        var events: [StreamEvent] = []
        while !text.isEmpty {
            let tag = inside ? Self.close : Self.open
            if let start = Self.find(tag, in: text) {
                emit(text[..<start], into: &events)
                inside.toggle()
                text = Array(text[(start + tag.count)...])
            } else {
                let keep = Self.partialTagLength(at: text, tag: tag)
                emit(text[..<(text.count - keep)], into: &events)
                held = Array(text[(text.count - keep)...])
                text = []
            }
        }
        return events
    }

    /// Whatever was held back, released as-is because no more content is coming.
    mutating func flush() -> [StreamEvent] {
        var events: [StreamEvent] = []
        emit(held[...], into: &events)
        held = []
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

    private func emit(_ characters: ArraySlice<Character>, into events: inout [StreamEvent]) {
        guard !characters.isEmpty else { return }
        let text = String(characters)
        events.append(inside ? .reasoning(text) : .text(text))
    }

    private static func find(_ tag: [Character], in text: [Character]) -> Int? {
        guard text.count >= tag.count else { return nil }
        for start in 0...(text.count - tag.count) where text[start..<(start + tag.count)].elementsEqual(tag) {
            return start
        }
        return nil
    }

    /// The length of the longest end of `text` that is a proper beginning of `tag`.
    private static func partialTagLength(at text: [Character], tag: [Character]) -> Int {
        var length = min(tag.count - 1, text.count)
        while length > 0 {
            if text[(text.count - length)...].elementsEqual(tag[..<length]) { return length }
            length -= 1
        }
        return 0
    }
}
