/// Reads the `role = foreground background attributes` theme format.
///
/// The format is line based so that a mistake points at one line with a reason, instead of a whole file
/// failing to decode.
enum ThemeParser {
    static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        var styles: [String: Style] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ThemeError(line: number, text: String(rawLine), reason: "expected `role = foreground background attributes`")
            }
            let role = String(trimmed[..<equals].trimmingSpaces)
            guard Theme.roles.contains(role) else {
                throw ThemeError(line: number, text: String(rawLine), reason: "unknown role `\(role)`")
            }
            let words = trimmed[trimmed.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            guard words.count >= 2 else {
                throw ThemeError(line: number, text: String(rawLine), reason: "needs a foreground and a background colour")
            }
            guard let foreground = Color(name: String(words[0])) else {
                throw ThemeError(line: number, text: String(rawLine), reason: "unknown colour `\(words[0])`")
            }
            guard let background = Color(name: String(words[1])) else {
                throw ThemeError(line: number, text: String(rawLine), reason: "unknown colour `\(words[1])`")
            }
            var attributes: Attributes = []
            for word in words.dropFirst(2) where word != "-" {
                guard let attribute = Attributes.named.first(where: { $0.0 == word.lowercased() })?.1 else {
                    throw ThemeError(line: number, text: String(rawLine), reason: "unknown attribute `\(word)`")
                }
                attributes.insert(attribute)
            }
            styles[role] = Style(foreground: foreground, background: background, attributes: attributes)
        }
        return Theme(name: name, styles: styles)
    }
}

/// A theme line that could not be read: where, what it said, and why.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var reason: String

    public var description: String { "theme line \(line): \(reason): \(text)" }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" || first == "\r" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
