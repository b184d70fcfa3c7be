/// A code block of a Markdown text, fenced or indented: its language and its text, for copying.
public struct CodeBlock: Sendable, Equatable {
    /// The fence's first word (`swift` for ```` ```swift ````), empty when it names none.
    public var language: String
    /// The block's text exactly as written, without the line end that closes its last line (so that a pasted
    /// shell command does not run on its own).
    public var text: String

    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }

    /// The code blocks of a text in reading order, those inside lists and quotes included; the same order the
    /// renderer draws their frames in.
    public static func all(in source: String) -> [CodeBlock] {
        MarkdownParser.withDocument(source) { document in
            var found: [CodeBlock] = []
            collect(document, into: &found)
            return found
        }
    }

    private static func collect(_ node: Node, into found: inout [CodeBlock]) {
        for child in node.children {
            if child.kind == Node.codeBlock {
                var text = child.literal
                if text.hasSuffix("\n") { text.removeLast() }
                let language = child.fenceInfo.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                found.append(CodeBlock(language: language, text: text))
            } else {
                collect(child, into: &found)
            }
        }
    }
}
