import ChatModel
import TerminalUI

/// Markdown rendered for a terminal: lines of spans that name theme roles, fitted to a width.
///
/// Headings, emphasis, inline code, fenced code set apart with its language, lists, block quotes, tables with
/// aligned columns and links with their URL. Top-level blocks are separated by one blank line, so a text cut
/// between top-level blocks renders to the same lines as the whole (`IncrementalMarkdown` relies on this).
public enum MarkdownRenderer {
    /// The lines of a Markdown text at `width` columns.
    public static func render(_ source: String, width: Int) -> [MarkdownLine] {
        joined(blocks(source, width: width))
    }

    /// The text's top-level blocks, each rendered, with the source line it starts on.
    ///
    /// CommonMark reads blocks line by line, and a top-level block ends only when a later line starts the next
    /// one, so every block but the last is final: nothing that follows can change it (reference definitions
    /// aside, which apply to links anywhere).
    public static func blocks(_ source: String, width: Int) -> [RenderedBlock] {
        MarkdownParser.withDocument(source) { document in
            let renderer = BlockRenderer(depth: 0)
            var blocks = document.children.map { node in
                let kind: RenderedBlock.Kind
                switch node.kind {
                case Node.paragraph: kind = .paragraph
                case Node.list, Node.quote: kind = .container
                default: kind = .leaf
                }
                return RenderedBlock(startLine: node.startLine, endLine: node.endLine, kind: kind,
                                     lines: renderer.blocks([node], width: max(1, width), separated: true))
            }
            // The table extension splits a paragraph without giving the part before the table a position: it
            // starts where the table does, so no cut falls between them.
            for index in blocks.indices.reversed() where blocks[index].startLine == 0 {
                let next = index + 1 < blocks.count ? blocks[index + 1].startLine : Int.max
                blocks[index].startLine = next
                blocks[index].endLine = next
            }
            return blocks
        }
    }

    /// Blocks' lines with one blank line between blocks that have any.
    public static func joined(_ blocks: some Sequence<RenderedBlock>) -> [MarkdownLine] {
        var out: [MarkdownLine] = []
        for block in blocks where !block.lines.isEmpty {
            if !out.isEmpty { out.append(.blank) }
            out += block.lines
        }
        return out
    }
}

/// One top-level block of a Markdown text, rendered.
public struct RenderedBlock: Sendable, Equatable {
    /// Where a link reference definition can sit: at a paragraph's start, or anywhere in a list or quote; never
    /// in a leaf block such as code, HTML, a heading or a table.
    public enum Kind: Sendable, Equatable {
        case paragraph
        case container
        case leaf
    }

    /// The source lines the block spans, from 1.
    public var startLine: Int
    public var endLine: Int
    public var kind: Kind
    public var lines: [MarkdownLine]
}

/// Renders block nodes; `depth` counts enclosing lists, for the bullet shape.
struct BlockRenderer {
    var depth: Int

    func blocks(_ nodes: [Node], width: Int, separated: Bool) -> [MarkdownLine] {
        var out: [MarkdownLine] = []
        for node in nodes {
            let lines = block(node, width: width)
            guard !lines.isEmpty else { continue }
            if separated, !out.isEmpty { out.append(.blank) }
            out += lines
        }
        return out
    }

    private func block(_ node: Node, width: Int) -> [MarkdownLine] {
        let width = max(1, width)
        switch node.kind {
        case Node.paragraph:
            return InlineText.lines(of: node, role: "text").flatMap { SpanWrapper.wrap($0, width: width) }
        case Node.heading:
            return heading(node, width: width)
        case Node.rule:
            return [MarkdownLine(String(repeating: "─", count: width), role: "md.rule")]
        case Node.quote:
            let inner = blocks(node.children, width: width - 2, separated: true)
            return inner.map { $0.prefixed(by: MarkdownLine("│ ", role: "md.quote")) }
        case Node.list:
            return list(node, width: width)
        case Node.codeBlock:
            return codeBlock(node, width: width)
        case Node.htmlBlock:
            return literalLines(node.literal).flatMap { SpanWrapper.cut($0, role: "md.html", width: width) }
        case Node.table:
            return TableRenderer(table: node).lines(width: width)
        default:
            return blocks(node.children, width: width, separated: true)
        }
    }

    /// The heading's text; the first two levels are underlined, as Setext headings are written.
    private func heading(_ node: Node, width: Int) -> [MarkdownLine] {
        let level = node.headingLevel
        let prefix = level > 2 ? String(repeating: "#", count: level) + " " : ""
        var lines = InlineText.lines(of: node, role: "md.heading").flatMap { spans in
            SpanWrapper.wrap([MarkdownSpan(prefix, role: "md.heading")] + spans, width: width)
        }
        if level <= 2 {
            let widest = lines.map { DisplayWidth.of($0.text) }.max() ?? 0
            lines.append(MarkdownLine(String(repeating: level == 1 ? "═" : "─", count: min(width, max(1, widest))), role: "md.rule"))
        }
        return lines
    }

    private func list(_ node: Node, width: Int) -> [MarkdownLine] {
        let items = node.children
        let bullets = ["•", "◦", "▪"]
        let markers: [String] = items.enumerated().map { index, item in
            switch item.task {
            case 1: return "☐"
            case 2: return "☑"
            default:
                if node.listIsOrdered { return "\(node.listStart + index)" + (node.listUsesParen ? ")" : ".") }
                return bullets[depth % bullets.count]
            }
        }
        let markerWidth = (markers.map { DisplayWidth.of($0) }.max() ?? 1) + 1
        let inner = BlockRenderer(depth: depth + 1)
        var out: [MarkdownLine] = []
        for (item, marker) in zip(items, markers) {
            var content = inner.blocks(item.children, width: width - markerWidth, separated: !node.listIsTight)
            if content.isEmpty { content = [.blank] }
            if !node.listIsTight, !out.isEmpty { out.append(.blank) }
            let padded = String(repeating: " ", count: markerWidth - DisplayWidth.of(marker) - 1) + marker + " "
            for (i, line) in content.enumerated() {
                let prefix = i == 0 ? padded : String(repeating: " ", count: markerWidth)
                out.append(line.prefixed(by: MarkdownLine(prefix, role: "md.bullet")))
            }
        }
        return out
    }

    /// A fenced or indented code block between corner marks, its language on the top one; lines keep their
    /// spaces and are cut, not word-wrapped, where they are wider than the pane.
    private func codeBlock(_ node: Node, width: Int) -> [MarkdownLine] {
        let language = node.fenceInfo.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        var top = MarkdownLine("╭─", role: "md.frame")
        if !language.isEmpty {
            top.append(" ", role: "md.frame")
            top.append(ControlSanitizer.sanitize(language, keepNewlines: false), role: "md.language")
        }
        var out = [top]
        let bar = MarkdownLine("│ ", role: "md.frame")
        for line in literalLines(node.literal) {
            out += SpanWrapper.cut(line, role: "md.codeblock", width: width - 2).map { $0.prefixed(by: bar) }
        }
        out.append(MarkdownLine("╰─", role: "md.frame"))
        return out
    }

    /// A block's literal text as sanitized lines, without the newline that ends the last one.
    private func literalLines(_ literal: String) -> [String] {
        var lines = literal.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { ControlSanitizer.sanitize(String($0), keepNewlines: false) }
    }
}
