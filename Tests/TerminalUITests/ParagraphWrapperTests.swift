import XCTest

@testable import TerminalUI

/// Text fed to the paragraph wrapper in pieces (printable ASCII a word at a time) wraps exactly as the same
/// text fed one character at a time.
final class ParagraphWrapperTests: XCTestCase {
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let pieces = [
        "word", " ", "  ", "a", "supercalifragilisticexpialidocious", "日本語", "😀", "👍🏽", "🇫🇷", "e\u{301}",
        " \u{301}", "\u{301}", "—", "ok.", "w12 ", "👩\u{200D}💻", "␛[2J",
    ]

    func testPiecesWrapLikeOneCharacterAtATime() {
        for seed in 0..<400 as Range<UInt64> {
            var random = SplitMix(state: seed)
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
