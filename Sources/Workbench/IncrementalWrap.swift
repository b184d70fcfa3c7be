import ChatModel
import Foundation
import TerminalUI

/// Wrapped lines of a growing text, wrapping only what was appended since the last update.
///
/// A streaming reply grows at its end. Complete paragraphs are wrapped once and kept; the last paragraph
/// is sanitized and fed to a `ParagraphWrapper` as it arrives, so a frame costs the new text, not the reply,
/// even when the reply is one long paragraph. What the next bytes could still change waits: the last
/// visible character (a combining mark may join it) and a CR (an LF may follow and remove it). The lines
/// are the same as wrapping the whole sanitized text at once.
struct IncrementalWrap: Sendable {
    private(set) var source = ""
    private(set) var width = 0
    private(set) var lines = WrappedLines()
    private var stableLines: [String] = []
    /// The paragraph being written, fed up to `fed` (a UTF-8 offset into `source`).
    private var paragraph = ParagraphWrapper(width: 1)
    private var fed = 0
    /// Sanitized text of the paragraph not yet given to `paragraph`: its last character, which may still grow.
    private var carry = ""
    /// Scalars written on the paragraph's line so far, for tab stops.
    private var column = 0

    /// Brings the lines up to date with `text` at `width`; returns the number of scalars wrapped.
    @discardableResult
    mutating func update(_ text: String, width: Int) -> Int {
        if width == self.width, text.utf8.count == source.utf8.count, text == source { return 0 }
        if width != self.width || !Self.extends(text, source, upTo: fed) { reset(width: width) }
        source = text
        let scalars = text.unicodeScalars
        var index = text.utf8.index(text.utf8.startIndex, offsetBy: fed)
        var wrapped = 0
        while index < scalars.endIndex {
            let run = Self.printableRun(text.utf8, from: index)
            if run > index {
                // Printable ASCII is its own sanitized text, one column a scalar: taken in whole runs.
                let count = text.utf8.distance(from: index, to: run)
                carry += text[index..<run]
                column += count
                wrapped += count
                index = run
                continue
            }
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "\r", next == scalars.endIndex { break }
            if scalar == "\n" {
                endParagraph()
            } else if !(scalar == "\r" && scalars[next] == "\n") {
                ControlSanitizer.append(scalar, column: &column, to: &carry.unicodeScalars)
                wrapped += 1
            }
            index = next
        }
        fed = text.utf8.distance(from: text.utf8.startIndex, to: index)
        feedAllButLast()
        var pending = paragraph.continuation
        var tail = carry
        if index < scalars.endIndex { tail += "\u{240D}" }
        pending.feed(tail[...])
        lines = WrappedLines(stableLines, paragraph.lines, pending.lines + pending.pendingLines)
        return wrapped
    }

    private mutating func reset(width: Int) {
        self.width = width
        source = ""
        stableLines = []
        paragraph = ParagraphWrapper(width: width)
        fed = 0
        carry = ""
        column = 0
    }

    private mutating func endParagraph() {
        paragraph.feed(carry[...])
        paragraph.finish()
        stableLines += paragraph.lines
        paragraph = ParagraphWrapper(width: width)
        carry = ""
        column = 0
    }

    /// Gives `paragraph` every character of `carry` but the last.
    private mutating func feedAllButLast() {
        guard !carry.isEmpty else { return }
        let last = carry.index(before: carry.endIndex)
        guard last > carry.startIndex else { return }
        paragraph.feed(carry[..<last])
        carry = String(carry[last...])
    }

    /// The end of the run of printable ASCII bytes at `start` (`start` when there is none).
    private static func printableRun(_ utf8: String.UTF8View, from start: String.Index) -> String.Index {
        var index = start
        while index < utf8.endIndex, (0x20...0x7E).contains(utf8[index]) { index = utf8.index(after: index) }
        return index
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
