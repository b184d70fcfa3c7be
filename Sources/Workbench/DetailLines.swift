import ChatModel
import TerminalUI

/// Lines of a detail view built only as far as they are shown: paragraphs are wrapped one at a time until
/// `limit` lines exist, so a 100 KB tool output costs the screenful a frame shows.
struct DetailLines {
    private(set) var lines: [StyledLine] = []
    let width: Int
    let limit: Int

    init(width: Int, limit: Int) {
        self.width = max(1, width)
        self.limit = limit
    }

    var isFull: Bool { lines.count >= limit }

    mutating func append(_ line: StyledLine) {
        guard !isFull else { return }
        lines.append(line)
    }

    /// Untrusted text, wrapped after `indent`, with controls shown visibly; JSON is pretty-printed first.
    mutating func appendText(_ text: String, indent: String = "  ", style: Style, prettyJSON: Bool = true) {
        let shown = prettyJSON ? PrettyJSON.text(text) ?? text : text
        var rest = shown[...]
        while !isFull, !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let paragraph = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            let budget = (limit - lines.count) * width
            let head = paragraph.prefix(budget)
            let wrapped = TextWrap.wrap(ControlSanitizer.sanitize(String(head), keepNewlines: false), width: max(1, width - indent.count))
            for line in wrapped.isEmpty ? [""] : wrapped {
                append(StyledLine(indent + line, style))
            }
        }
    }
}

/// JSON text laid out for reading.
enum PrettyJSON {
    /// The text pretty-printed when it is a JSON object or array, else `nil`.
    static func text(_ text: String) -> String? {
        guard text.utf8.count <= maximumBytes, let first = text.first(where: { !$0.isWhitespace }), first == "{" || first == "[",
              let value = try? JSONReader.parse(text)
        else { return nil }
        return value.prettyText
    }

    /// Larger documents are shown as sent: laying them out again each frame would cost more than a frame.
    static let maximumBytes = 1 << 20

    /// The JSON a raw record carried: its SSE `data:` lines joined, or a whole document, pretty-printed;
    /// `nil` when it carried none.
    static func payload(_ record: RawRecord) -> String? {
        guard record.bytes.count <= maximumBytes, let data = data(record) else { return nil }
        return Self.text(data)
    }

    /// The JSON text a record carried, as sent: its SSE `data:` lines joined, or a whole document.
    static func data(_ record: RawRecord) -> String? {
        let text = record.text
        if record.kind == .document || record.kind == .tail { return text }
        let data = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> Substring? in
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            guard trimmed.hasPrefix("data:") else { return nil }
            let value = trimmed.dropFirst(5)
            return value.hasPrefix(" ") ? value.dropFirst() : value
        }
        guard !data.isEmpty else { return nil }
        return data.joined(separator: "\n")
    }
}
