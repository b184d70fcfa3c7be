import TerminalUI
import XCTest

/// Column widths as a terminal draws them, and text wrapped by them.
final class DisplayWidthTests: XCTestCase {
    func testWidthsOfClusters() {
        XCTAssertEqual(DisplayWidth.of("a" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("東" as Character), 2, "CJK is wide")
        XCTAssertEqual(DisplayWidth.of("한" as Character), 2, "Hangul is wide")
        XCTAssertEqual(DisplayWidth.of("Ａ" as Character), 2, "fullwidth forms are wide")
        XCTAssertEqual(DisplayWidth.of("🙂" as Character), 2, "emoji presentation is wide")
        XCTAssertEqual(DisplayWidth.of("👩‍💻" as Character), 2, "a ZWJ sequence is one wide cluster")
        XCTAssertEqual(DisplayWidth.of("🇯🇵" as Character), 2, "a flag is one wide cluster")
        XCTAssertEqual(DisplayWidth.of("❤️" as Character), 2, "VS16 asks for emoji presentation")
        XCTAssertEqual(DisplayWidth.of("é" as Character), 1, "e plus a combining accent is one column")
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Unicode.Scalar), 0, "a combining mark alone takes no column")
        XCTAssertEqual(DisplayWidth.of("\u{200B}" as Unicode.Scalar), 0, "zero-width space")
        XCTAssertEqual(DisplayWidth.of("日本語 ok"), 9)
    }

    func testWrapBreaksAtSpacesAndInsideLongWords() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
        XCTAssertEqual(TextWrap.wrap("abcdefghijkl", width: 5), ["abcde", "fghij", "kl"])
        XCTAssertEqual(TextWrap.wrap("one\n\ntwo", width: 10), ["one", "", "two"])
    }

    func testWrapNeverSplitsAWideCharacterAcrossTheEdge() {
        let lines = TextWrap.wrap("東京は日本の首都です", width: 5)
        XCTAssertEqual(lines, ["東京", "は日", "本の", "首都", "です"])
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    func testTruncateMarksTheCut() {
        XCTAssertEqual(TextWrap.truncate("Conversations", width: 8), "Convers…")
        XCTAssertEqual(TextWrap.truncate("short", width: 8), "short")
    }
}
