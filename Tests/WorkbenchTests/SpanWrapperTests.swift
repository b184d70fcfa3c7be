import TerminalUI
import TestSupport
import XCTest

@testable import Markdown

/// Styled Markdown text wraps exactly as a greedy wrap taken one character at a time would, whether the text
/// is plain ASCII (taken a word at a time) or mixes in wide, combining and emoji characters.
final class SpanWrapperTests: XCTestCase {
    private static let pieces = [
        "word", " ", "  ", "a", "supercalifragilisticexpialidocious", "日本語のテキスト", "😀", "👍🏽", "🇫🇷",
        "e\u{301}", " \u{301}", "\u{301}", "—", "ok.", "w12 ", "x", "   ", "👩\u{200D}💻",
    ]

    func testSpansWrapLikeACharacterAtATime() {
        for seed in 0..<400 as Range<UInt64> {
            var random = SeededRandom(state: seed)
            let width = Int.random(in: 1...20, using: &random)
            var spans: [MarkdownSpan] = []
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                var text = ""
                for _ in 0..<Int.random(in: 1...5, using: &random) { text += Self.pieces.randomElement(using: &random)! }
                spans.append(MarkdownSpan(text, role: ["text", "md.strong", "md.code"].randomElement(using: &random)!))
            }
            let wrapped = SpanWrapper.wrap(spans, width: width)
            let expected = Self.referenceWrap(spans, width: width)
            XCTAssertEqual(wrapped, expected, "seed \(seed), width \(width), spans \(spans)")
            if wrapped != expected { return }
        }
    }

    func testALongPlainParagraphKeepsEveryWordAndFitsTheWidth() {
        let text = (0..<5_000).map { "w\($0)" }.joined(separator: " ")
        let lines = SpanWrapper.wrap([MarkdownSpan(text, role: "text")], width: 37)
        XCTAssertEqual(lines.map(\.text).joined(separator: " "), text)
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0.text) <= 37 })
        XCTAssertEqual(lines, Self.referenceWrap([MarkdownSpan(text, role: "text")], width: 37))
    }

    /// The wrap this type must match, written the plain way: one character at a time, breaking at spaces,
    /// inside a word only when it is wider than the line, spaces at a break dropped.
    private static func referenceWrap(_ spans: [MarkdownSpan], width: Int) -> [MarkdownLine] {
        let width = max(1, width)
        var lines: [MarkdownLine] = []
        var line = MarkdownLine()
        var lineWidth = 0
        var word: [(Character, String)] = []
        var wordWidth = 0
        var spaces: [(Character, String)] = []
        func flush() {
            while let last = line.spans.last, last.text.last == " " {
                line.spans[line.spans.count - 1].text.removeLast()
                if line.spans[line.spans.count - 1].text.isEmpty { line.spans.removeLast() }
            }
            lines.append(line)
            line = MarkdownLine()
            lineWidth = 0
        }
        func placeWord() {
            guard !word.isEmpty else { return }
            if lineWidth > 0, lineWidth + spaces.count + wordWidth > width {
                flush()
            } else {
                for (character, role) in spaces { line.append(String(character), role: role) }
                lineWidth += spaces.count
            }
            if lineWidth == 0, wordWidth > width {
                for (character, role) in word {
                    let w = DisplayWidth.of(character)
                    if lineWidth + w > width, lineWidth > 0 { flush() }
                    line.append(String(character), role: role)
                    lineWidth += w
                }
            } else {
                for (character, role) in word { line.append(String(character), role: role) }
                lineWidth += wordWidth
            }
            word = []
            wordWidth = 0
            spaces = []
        }
        for span in spans {
            for character in span.text {
                if character == " " {
                    placeWord()
                    spaces.append((character, span.role))
                } else {
                    word.append((character, span.role))
                    wordWidth += DisplayWidth.of(character)
                }
            }
        }
        placeWord()
        if lineWidth == 0, !spaces.isEmpty, lines.isEmpty {
            for (character, role) in spaces.prefix(width) { line.append(String(character), role: role) }
        }
        flush()
        return lines
    }
}
