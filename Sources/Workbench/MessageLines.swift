import Markdown

/// Wrapped lines of a text as a few arrays in order: lines that can no longer change, then the rest.
///
/// A streaming reply's wrap hands this out every frame; joining the arrays would copy every line of the reply
/// per frame, so it is a view over them instead.
struct WrappedLines: RandomAccessCollection, Sendable, Equatable {
    private(set) var parts: [[String]] = []
    private(set) var endIndex = 0

    init(_ parts: [String]...) {
        for part in parts where !part.isEmpty {
            self.parts.append(part)
            endIndex += part.count
        }
    }

    var startIndex: Int { 0 }

    subscript(position: Int) -> String {
        var index = position
        for part in parts {
            if index < part.count { return part[index] }
            index -= part.count
        }
        preconditionFailure("line \(position) of \(endIndex)")
    }
}

/// One message's transcript lines, kept as a few segments so that a long reply's text is neither copied nor
/// styled again per frame: only the lines a frame shows are built.
struct MessageLines: RandomAccessCollection, Sendable {
    /// Lines built in full, wrapped text shown after an indent with a role (and a prefix, for reasoning), or
    /// rendered Markdown shown after an indent.
    enum Segment: Sendable {
        case built([RoleLine])
        case text(WrappedLines, prefix: String, role: String)
        case markdown(MarkdownLines)

        var count: Int {
            switch self {
            case .built(let lines): return lines.count
            case .text(let lines, _, _): return lines.count
            case .markdown(let lines): return lines.count
            }
        }

        func line(at index: Int) -> RoleLine {
            switch self {
            case .built(let lines): return lines[index]
            case .text(let lines, let prefix, let role):
                return RoleLine([(TranscriptFormatter.indent, "background"), (prefix + lines[index], role)])
            case .markdown(let lines):
                return RoleLine([(TranscriptFormatter.indent, "background")] + lines[index].spans.map { ($0.text, $0.role) })
            }
        }
    }

    private(set) var segments: [Segment] = []
    private(set) var endIndex = 0

    var startIndex: Int { 0 }

    mutating func append(_ segment: Segment) {
        guard segment.count > 0 else { return }
        segments.append(segment)
        endIndex += segment.count
    }

    mutating func append(_ line: RoleLine) {
        if case .built(var lines)? = segments.last {
            segments.removeLast()
            lines.append(line)
            segments.append(.built(lines))
            endIndex += 1
        } else {
            append(.built([line]))
        }
    }

    subscript(position: Int) -> RoleLine {
        var index = position
        for segment in segments {
            if index < segment.count { return segment.line(at: index) }
            index -= segment.count
        }
        preconditionFailure("line \(position) of \(endIndex)")
    }
}
