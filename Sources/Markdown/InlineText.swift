import ChatModel

/// The inline content of a block as styled spans: emphasis, strong, code, strikethrough, and links with their
/// URL. Every literal passes through `ControlSanitizer`, so no control reaches the terminal.
enum InlineText {
    /// The block's inline children as lines of spans: a hard line break starts a new line.
    static func lines(of block: Node, role: String) -> [[MarkdownSpan]] {
        var out: [[MarkdownSpan]] = [[]]
        collect(block, role: role, into: &out)
        return out
    }

    private static func collect(_ node: Node, role: String, into out: inout [[MarkdownSpan]]) {
        for child in node.children {
            switch child.kind {
            case Node.text: add(child.literal, role: role, to: &out)
            case Node.softBreak: add(" ", role: role, to: &out)
            case Node.lineBreak: out.append([])
            case Node.code: add(child.literal, role: "md.code", to: &out)
            case Node.htmlInline: add(child.literal, role: "md.html", to: &out)
            case Node.emphasis: collect(child, role: nested(role, "md.emphasis"), into: &out)
            case Node.strong: collect(child, role: nested(role, "md.strong"), into: &out)
            case Node.strikethrough: collect(child, role: nested(role, "md.strike"), into: &out)
            case Node.link: link(child, role: role, into: &out)
            case Node.image:
                add("🖼 ", role: "md.link", to: &out)
                link(child, role: role, into: &out)
            default: collect(child, role: role, into: &out)
            }
        }
    }

    /// The link text, then its URL in brackets unless the text already is the URL (an autolink).
    private static func link(_ node: Node, role: String, into out: inout [[MarkdownSpan]]) {
        var inner: [[MarkdownSpan]] = [[]]
        collect(node, role: nested(role, "md.link"), into: &inner)
        let text = inner.map { $0.map(\.text).joined() }.joined(separator: " ")
        for (i, line) in inner.enumerated() {
            if i > 0 { out.append([]) }
            out[out.count - 1] += line
        }
        let url = node.url
        guard !url.isEmpty, url != text, url != "mailto:" + text, url != "http://" + text else { return }
        add(" (" + url + ")", role: "md.url", to: &out)
    }

    /// Inside a heading or a link the outer role wins, so the whole heading or link reads as one.
    private static func nested(_ outer: String, _ inner: String) -> String {
        outer == "md.heading" || outer == "md.link" ? outer : inner
    }

    private static func add(_ text: String, role: String, to out: inout [[MarkdownSpan]]) {
        let clean = ControlSanitizer.sanitize(text, keepNewlines: false)
        guard !clean.isEmpty else { return }
        if let last = out[out.count - 1].last, last.role == role {
            out[out.count - 1][out[out.count - 1].count - 1].text += clean
        } else {
            out[out.count - 1].append(MarkdownSpan(clean, role: role))
        }
    }
}
