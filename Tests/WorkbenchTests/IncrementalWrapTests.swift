import ChatModel
import TerminalUI
import TestSupport
import XCTest

@testable import Workbench

/// The streaming wrap gives the lines a whole-text wrap gives, however the text arrives, at a cost that
/// follows what arrived.
final class IncrementalWrapTests: XCTestCase {
    private static let pieces = [
        "word", " ", "  ", "a", "supercalifragilisticexpialidocious", "\n", "\n\n", "\t", "x\ty", "\r\n", "\r",
        "日本語のテキスト", "😀", "👍🏽", "🇫🇷", "e\u{301}", "\u{301}", "\u{1B}[2J", "\u{9B}", "\u{7F}", "🇺", "🇸",
        "👩\u{200D}", "💻", "—", "ok.",
    ]

    func testStreamedTextWrapsLikeTheWholeText() {
        for seed in 0..<300 as Range<UInt64> {
            var random = SeededRandom(state: seed)
            let width = Int.random(in: 1...24, using: &random)
            var text = ""
            var wrap = IncrementalWrap()
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                for _ in 0..<Int.random(in: 1...4, using: &random) { text += Self.pieces.randomElement(using: &random)! }
                wrap.update(text, width: width)
                let expected = TextWrap.wrap(ControlSanitizer.sanitize(text), width: width)
                XCTAssertEqual(Array(wrap.lines), expected, "seed \(seed), width \(width), text \(text.debugDescription)")
                if Array(wrap.lines) != expected { return }
            }
        }
    }

    func testReplacedTextAndNewWidthWrapAfresh() {
        var wrap = IncrementalWrap()
        wrap.update("one two three four", width: 8)
        wrap.update("five six", width: 8)
        XCTAssertEqual(Array(wrap.lines), ["five six"])
        wrap.update("five six seven", width: 5)
        XCTAssertEqual(Array(wrap.lines), TextWrap.wrap("five six seven", width: 5))
    }

    func testOneLongParagraphCostsOnlyWhatArrives() {
        var wrap = IncrementalWrap()
        var text = ""
        var total = 0
        for i in 0..<2_000 {
            text += "w\(i) "
            total += wrap.update(text, width: 40)
        }
        XCTAssertLessThan(total, text.unicodeScalars.count * 2, "each character is wrapped about once, not once per update")
        XCTAssertEqual(Array(wrap.lines), TextWrap.wrap(text, width: 40))
    }
}
