/// A run of rendered Markdown text with the theme role that styles it (`md.heading`, `md.code`, `text`, …).
public struct MarkdownSpan: Sendable, Equatable {
    public var text: String
    public var role: String

    public init(_ text: String, role: String) {
        self.text = text
        self.role = role
    }
}

/// One display line of rendered Markdown: spans that name theme roles, so the lines do not depend on the theme.
public struct MarkdownLine: Sendable, Equatable {
    public var spans: [MarkdownSpan]

    public init(_ spans: [MarkdownSpan] = []) { self.spans = spans }

    public init(_ text: String, role: String) { spans = text.isEmpty ? [] : [MarkdownSpan(text, role: role)] }

    /// The line without styles.
    public var text: String { spans.map(\.text).joined() }

    /// An empty line, between blocks.
    public static let blank = MarkdownLine()

    /// Adds a span, joining it to the last one when they share a role.
    public mutating func append(_ text: String, role: String) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.role == role {
            spans[spans.count - 1].text += text
        } else {
            spans.append(MarkdownSpan(text, role: role))
        }
    }

    /// This line after a prefix.
    func prefixed(by prefix: MarkdownLine) -> MarkdownLine {
        var line = prefix
        for span in spans { line.append(span.text, role: span.role) }
        return line
    }
}

/// Rendered lines as a few arrays in order, so a growing reply's finished blocks are not copied per frame.
public struct MarkdownLines: RandomAccessCollection, Sendable, Equatable {
    private(set) var parts: [[MarkdownLine]] = []
    public private(set) var endIndex = 0

    public init(_ parts: [MarkdownLine]...) { self.init(chunks: parts) }

    /// The lines of `chunks` in order.
    public init(chunks: [[MarkdownLine]]) {
        for part in chunks where !part.isEmpty {
            parts.append(part)
            endIndex += part.count
        }
    }

    public var startIndex: Int { 0 }

    public subscript(position: Int) -> MarkdownLine {
        var index = position
        for part in parts {
            if index < part.count { return part[index] }
            index -= part.count
        }
        preconditionFailure("line \(position) of \(endIndex)")
    }
}
