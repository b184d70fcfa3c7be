/// One conversation that matched a search, with the best-ranked passage.
public struct SearchHit: Sendable, Equatable {
    public var conversationID: String
    public var title: String
    /// The message the passage is from; `nil` when the title matched best.
    public var messageID: String?
    public var snippet: Snippet
    /// FTS5's bm25 score, lower is better; 0 when the words were too common to rank and hits are newest first.
    public var score: Double
}

/// A short passage around the match, with the matched words located.
///
/// The matches are ranges rather than inline markers so the screen can style them and the command line can
/// bracket them without either having to parse marker characters.
public struct Snippet: Sendable, Equatable {
    public var text: String
    public var matches: [Range<String.Index>]

    /// Markers the SQL snippet function puts around matches; private-use characters no real text carries.
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    public init(text: String, matches: [Range<String.Index>]) {
        self.text = text
        self.matches = matches
    }

    /// Builds a snippet from SQLite's marked-up text.
    init(marked: String) {
        var text = ""
        var starts: [String.Index] = []
        var ranges: [(Int, Int)] = []
        var openAt: Int?
        var count = 0
        for character in marked {
            switch character {
            case Snippet.open: openAt = count
            case Snippet.close:
                if let start = openAt { ranges.append((start, count)) }
                openAt = nil
            default:
                text.append(character)
                count += 1
            }
        }
        starts = Array(text.indices) + [text.endIndex]
        self.text = text
        matches = ranges.map { starts[$0.0]..<starts[$0.1] }
    }

    /// The text with each match wrapped, e.g. `marked(open: "[", close: "]")`.
    public func marked(open: String, close: String) -> String {
        var out = ""
        var cursor = text.startIndex
        for range in matches {
            out += text[cursor..<range.lowerBound] + open + text[range] + close
            cursor = range.upperBound
        }
        return out + text[cursor...]
    }

    /// The matched pieces of text.
    public var matchedTexts: [String] { matches.map { String(text[$0]) } }
}
