import Foundation
import Markdown

/// Rendered Markdown of a growing text that parses again only its last, unfinished block.
///
/// Each update parses the text from the start of its last top-level block. CommonMark reads blocks line by
/// line, so every top-level block before the last one is final (`MarkdownRenderer.blocks`): their lines are
/// kept, and the next update starts at the last block. A frame therefore costs the last block, not the reply.
/// When that block grows past `tailLimit` (a very long paragraph, list or code block) it is shown as plain
/// wrapped text, wrapped incrementally, and parsed again only when a blank line suggests it may have ended
/// (`BlockBoundaries`), when it has doubled (up to `doublingLimit`), or when the reply is complete; a complete
/// reply always renders exactly as its whole text would. Reference definitions (`[id]: url`) apply to links anywhere: those in
/// kept blocks are put before each later parse, and new ones render the kept blocks again once.
struct IncrementalMarkdown: Sendable {
    static let tailLimit = 4_096
    /// Past this length an unfinished last block is no longer parsed again each time it doubles, only at a
    /// possible end or when the reply is complete: parsing half a megabyte of one paragraph on the screen's
    /// thread held keys back for a tenth of a second during a fast stream.
    static let doublingLimit = 65_536

    /// The rendered blocks, ending with a blank line when a plain tail follows.
    private(set) var rendered = MarkdownLines()
    /// The last block as plain wrapped text while it is too long to parse per update; else empty.
    private(set) var plain = WrappedLines()
    private var source = ""
    private var width = 0
    /// Where the last block starts (a UTF-8 offset): everything before it is rendered in `stableChunks`.
    private var stableEnd = 0
    /// The finished blocks' lines in chunks of at most `chunkSize`, so adding lines copies at most one chunk
    /// while the last frame's lines still share them.
    private var stableChunks: [[MarkdownLine]] = []
    private var stableCount = 0
    private static let chunkSize = 1_024
    /// Reference definition lines in the finished blocks, put before each parse of what follows them.
    private var definitions: [String] = []
    private var definitionsScanned = 0
    private var boundaries = BlockBoundaries()
    /// The scanner's last cut and the tail's length at the last parse.
    private var lastParse: (cut: Int, length: Int)?
    /// True once the current text has been rendered as complete.
    private var isComplete = false
    private var plainTail = IncrementalWrap()

    /// Brings the lines up to date with `text` at `width`; `complete` is true once no more text will come.
    /// Returns the number of UTF-8 bytes parsed.
    @discardableResult
    mutating func update(_ text: String, width: Int, complete: Bool = false) -> Int {
        if width == self.width, text.utf8.count == source.utf8.count, text == source, !complete || isComplete {
            return 0
        }
        defer { isComplete = complete }
        if width != self.width || !Self.extends(text, source, upTo: max(stableEnd, boundaries.scanned)) {
            reset(width: width)
        }
        source = text
        boundaries.scan(text)
        var parsed = 0
        var force = complete
        for _ in 0..<2 {
            let tail = stableEnd == 0 ? text : Self.slice(text, from: stableEnd, to: text.utf8.count)
            let length = tail.utf8.count
            if !force, length > Self.tailLimit, let last = lastParse, boundaries.lastCut <= last.cut,
               length < 2 * last.length || length > Self.doublingLimit {
                showPlain(tail)
                return parsed
            }
            lastParse = (boundaries.lastCut, length)
            let prefix = definitions.isEmpty ? "" : definitions.joined(separator: "\n") + "\n\n"
            let prefixLines = definitions.isEmpty ? 0 : definitions.count + 1
            parsed += length
            let blocks = MarkdownRenderer.blocks(prefix + tail, width: width).filter { $0.startLine > prefixLines }
            // A block can be kept once the next one starts on a finished line: an unfinished line may still
            // turn out to continue the block before it (a table row, say).
            let lineStarts = Self.lineStarts(in: tail)
            func startOffset(_ block: RenderedBlock) -> Int {
                let line = block.startLine - prefixLines
                return line == 1 ? 0 : line - 2 < lineStarts.count ? lineStarts[line - 2] : length
            }
            if complete, stableEnd > 0 {
                // Definitions in the last block apply to links above it too, once the reply is complete.
                let last = Self.definitionLines(in: tail, lineStarts: lineStarts, blocks: blocks[...], prefixLines: prefixLines,
                                                from: 0, before: lineStarts.count + 2)
                if !last.allSatisfy(definitions.contains) {
                    definitions += last
                    stableEnd = 0
                    stableChunks = []
                    stableCount = 0
                    continue
                }
            }
            guard let split = blocks.indices.last(where: {
                $0 > 0 && blocks[$0].startLine > blocks[$0 - 1].startLine && (blocks[$0].startLine - prefixLines <= lineStarts.count
                    || stableEnd + startOffset(blocks[$0]) == boundaries.lastCut)
            }) else {
                show(MarkdownRenderer.joined(blocks))
                return parsed
            }
            let cut = stableEnd + startOffset(blocks[split])
            let found = definitionsScanned >= cut ? [] : Self.definitionLines(
                in: tail, lineStarts: lineStarts, blocks: blocks[..<split], prefixLines: prefixLines,
                from: max(0, definitionsScanned - stableEnd), before: blocks[split].startLine - prefixLines)
            definitionsScanned = max(definitionsScanned, cut)
            definitions += found
            if !found.isEmpty, stableEnd > 0 {
                // New definitions may turn text in finished blocks into links: render everything again, once.
                stableEnd = 0
                stableChunks = []
                stableCount = 0
                force = true
                continue
            }
            for block in blocks[..<split] where !block.lines.isEmpty {
                if stableCount > 0 { appendStable([.blank]) }
                appendStable(block.lines)
            }
            stableEnd = cut
            show(MarkdownRenderer.joined(blocks[split...]))
            return parsed
        }
        return parsed
    }

    private mutating func showPlain(_ tail: String) {
        plainTail.update(tail, width: width)
        rendered = MarkdownLines(chunks: stableChunks + [stableCount == 0 ? [] : [.blank]])
        plain = plainTail.lines
    }

    private mutating func show(_ tail: [MarkdownLine]) {
        let gap: [MarkdownLine] = tail.isEmpty || stableCount == 0 ? [] : [.blank]
        rendered = MarkdownLines(chunks: stableChunks + [gap, tail])
        plain = WrappedLines()
        plainTail = IncrementalWrap()
    }

    private mutating func appendStable(_ lines: [MarkdownLine]) {
        for line in lines {
            if stableChunks.isEmpty || stableChunks[stableChunks.count - 1].count >= Self.chunkSize { stableChunks.append([]) }
            stableChunks[stableChunks.count - 1].append(line)
        }
        stableCount += lines.count
    }

    private mutating func reset(width: Int) {
        self = IncrementalMarkdown()
        self.width = width
    }

    /// The UTF-8 offsets just after each finished line's end, with line ends as CommonMark counts them (LF,
    /// CR LF, CR); a CR at the very end is not finished, since an LF may follow.
    private static func lineStarts(in text: String) -> [Int] {
        var starts: [Int] = []
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") {
                    starts.append(index + 1)
                } else if bytes[index] == UInt8(ascii: "\r") {
                    if index + 1 == bytes.count { break }
                    if bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        return starts
    }

    /// The lines of finished blocks that may define a link reference: `[label]:` after up to three spaces,
    /// between blocks, among the first lines of a paragraph, or in a list or quote; never inside code or HTML.
    private static func definitionLines(
        in tail: String, lineStarts: [Int], blocks: ArraySlice<RenderedBlock>, prefixLines: Int, from offset: Int,
        before end: Int
    ) -> [String] {
        let bytes = Array(tail.utf8)
        var found: [String] = []
        var candidates = Set<Int>()
        for line in 1..<max(1, end) {
            let start = line == 1 ? 0 : lineStarts[line - 2]
            guard start >= offset, line - 1 <= lineStarts.count else { continue }
            var end = line - 1 < lineStarts.count ? lineStarts[line - 1] : bytes.count
            while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            guard isDefinition(text) else { continue }
            candidates.insert(line)
            let block = blocks.first { $0.startLine - prefixLines <= line && line <= $0.endLine - prefixLines }
            switch block?.kind {
            case nil, .container?: found.append(text)
            case .paragraph?:
                if (block!.startLine - prefixLines..<line).allSatisfy(candidates.contains) { found.append(text) }
            case .leaf?: break
            }
        }
        return found
    }

    private static func isDefinition(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, index < 3, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
        guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "]")), close > index + 1 else { return false }
        return close + 1 < bytes.count && bytes[close + 1] == UInt8(ascii: ":")
    }

    private static func slice(_ text: String, from start: Int, to end: Int) -> String {
        let utf8 = text.utf8
        return String(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]))
    }

    /// True when `text` starts with the first `count` UTF-8 bytes of `old`.
    private static func extends(_ text: String, _ old: String, upTo count: Int) -> Bool {
        guard text.utf8.count >= count, old.utf8.count >= count else { return false }
        guard count > 0 else { return true }
        var text = text
        var old = old
        return text.withUTF8 { new in
            old.withUTF8 { old in memcmp(new.baseAddress!, old.baseAddress!, count) == 0 }
        }
    }
}
