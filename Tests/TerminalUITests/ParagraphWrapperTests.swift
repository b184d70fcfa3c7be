import TestSupport
import XCTest

@testable import TerminalUI

/// Text fed to the paragraph wrapper in pieces (printable ASCII a word at a time) wraps exactly as the same
/// text fed one character at a time.
final class ParagraphWrapperTests: XCTestCase {
    private static let pieces = [
        "word", " ", "  ", "a", "supercalifragilisticexpialidocious", "日本語", "😀", "👍🏽", "🇫🇷", "e\u{301}",
        " \u{301}", "\u{301}", "—", "ok.", "w12 ", "👩\u{200D}💻", "␛[2J",
    ]

    func testPiecesWrapLikeOneCharacterAtATime() {
        for seed in 0..<400 as Range<UInt64> {
            var random = SeededRandom(state: seed)
            let width = Int.random(in: 1...20, using: &random)
            var bulk = ParagraphWrapper(width: width)
            var single = ParagraphWrapper(width: width)
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                var piece = ""
                for _ in 0..<Int.random(in: 1...4, using: &random) { piece += Self.pieces.randomElement(using: &random)! }
                bulk.feed(piece[...])
                for character in piece { single.feed(character) }
                XCTAssertEqual(bulk.lines + bulk.pendingLines, single.lines + single.pendingLines, "seed \(seed), width \(width)")
            }
            bulk.finish()
            single.finish()
            XCTAssertEqual(bulk.lines, single.lines, "seed \(seed), width \(width)")
            if bulk.lines != single.lines { return }
        }
    }
}
