import Foundation
import Markdown

/// Rendered Markdown of a growing text that parses again only its unfinished tail.
///
/// Blocks before the last cut `BlockBoundaries` finds are rendered once and kept; the tail after it is parsed
/// again when the text grows, so a frame costs the tail, not the reply. A tail longer than `tailLimit` (one
/// block with no cut, such as a very long paragraph) is shown as plain wrapped text, wrapped incrementally,
/// until its block ends; the lines depend only on the text, never on how it arrived.
struct IncrementalMarkdown: Sendable {
    static let tailLimit = 16_384

    /// The rendered blocks, ending with a blank line when a plain tail follows.
    private(set) var rendered = MarkdownLines()
    /// The tail as plain wrapped text, while it is longer than `tailLimit`; else empty.
    private(set) var plain = WrappedLines()
    private var source = ""
    private var width = 0
    private var boundaries = BlockBoundaries()
    private var stableEnd = 0
    /// The finished blocks' lines in chunks of at most `chunkSize`, so adding lines copies at most one chunk
    /// while the last frame's lines still share them.
    private var stableChunks: [[MarkdownLine]] = []
    private var stableCount = 0
    private static let chunkSize = 1_024
    private var plainTail = IncrementalWrap()

    /// Brings the lines up to date with `text` at `width`; returns the number of UTF-8 bytes parsed.
    @discardableResult
    mutating func update(_ text: String, width: Int) -> Int {
        if width == self.width, text.utf8.count == source.utf8.count, text == source { return 0 }
        if width != self.width || !Self.extends(text, source, upTo: boundaries.scanned) { reset(width: width) }
        source = text
        boundaries.scan(text)
        var parsed = 0
        if boundaries.lastCut > stableEnd {
            if boundaries.definitions.contains(where: { $0.offset >= stableEnd && $0.offset < boundaries.lastCut }) {
                stableEnd = 0
                stableChunks = []
                stableCount = 0
            }
            let region = Self.slice(text, from: stableEnd, to: boundaries.lastCut)
            parsed += region.utf8.count
            let lines = MarkdownRenderer.render(definitions(before: stableEnd) + region, width: width)
            if !lines.isEmpty, stableCount > 0 { appendStable([.blank]) }
            appendStable(lines)
            stableEnd = boundaries.lastCut
        }
        let tail = Self.slice(text, from: stableEnd, to: text.utf8.count)
        if tail.utf8.count <= Self.tailLimit {
            parsed += tail.utf8.count
            let lines = MarkdownRenderer.render(definitions(before: stableEnd) + tail, width: width)
            let gap: [MarkdownLine] = lines.isEmpty || stableCount == 0 ? [] : [.blank]
            rendered = MarkdownLines(chunks: stableChunks + [gap, lines])
            plain = WrappedLines()
        } else {
            plainTail.update(tail, width: width)
            rendered = MarkdownLines(chunks: stableChunks + [stableCount == 0 ? [] : [.blank]])
            plain = plainTail.lines
        }
        return parsed
    }

    private mutating func appendStable(_ lines: [MarkdownLine]) {
        for line in lines {
            if stableChunks.isEmpty || stableChunks[stableChunks.count - 1].count >= Self.chunkSize { stableChunks.append([]) }
            stableChunks[stableChunks.count - 1].append(line)
        }
        stableCount += lines.count
    }

    /// The reference definitions already in the finished blocks, put before what follows them when it is
    /// parsed (they render nothing, and the text after a cut starts a block anyway).
    private func definitions(before offset: Int) -> String {
        let lines = boundaries.definitions.filter { $0.offset < offset }.map(\.line)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n\n"
    }

    private mutating func reset(width: Int) {
        self.width = width
        source = ""
        boundaries = BlockBoundaries()
        stableEnd = 0
        stableChunks = []
        stableCount = 0
        plainTail = IncrementalWrap()
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
