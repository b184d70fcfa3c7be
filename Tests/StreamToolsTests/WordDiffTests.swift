import StreamTools
import XCTest

final class WordDiffTests: XCTestCase {
    private func joined(_ diff: WordDiff, keeping operation: WordDiff.Operation) -> String {
        diff.pieces.filter { $0.operation == .same || $0.operation == operation }.map(\.text).joined()
    }

    func testTheSameTextHasNoChanges() {
        let diff = WordDiff("Hello there.", "Hello there.")
        XCTAssertTrue(diff.isEmpty)
        XCTAssertEqual(diff.marked, "Hello there.")
    }

    func testAChangedWordIsMarkedRemovedThenAdded() {
        let diff = WordDiff("The sky is blue today.", "The sky is grey today.")
        XCTAssertEqual(diff.marked, "The sky is [-blue-]{+grey+} today.")
        XCTAssertEqual(diff.changedWords.removed, 1)
        XCTAssertEqual(diff.changedWords.added, 1)
    }

    func testNeighbouringChangesReadAsOne() {
        let diff = WordDiff("I like red apples a lot", "I like green pears a lot")
        XCTAssertEqual(diff.marked, "I like [-red apples-]{+green pears+} a lot")
    }

    func testInsertionsDeletionsAndEmptySides() {
        XCTAssertEqual(WordDiff("one three", "one two three").marked, "one {+two +}three")
        XCTAssertEqual(WordDiff("one two three", "one three").marked, "one [-two -]three")
        XCTAssertEqual(WordDiff("", "new").marked, "{+new+}")
        XCTAssertEqual(WordDiff("old", "").marked, "[-old-]")
        XCTAssertEqual(WordDiff("a  b", "a b").marked, "a[-  -]{+ +}b", "spacing changes show")
    }

    func testThePiecesJoinBackIntoEachText() {
        let old = "Paris is the capital of France.\nIt has 2.1 million people and many museums."
        let new = "Paris, the capital of France,\nhas about 2.1 million people, and the Louvre."
        let diff = WordDiff(old, new)
        XCTAssertEqual(joined(diff, keeping: .removed), old)
        XCTAssertEqual(joined(diff, keeping: .added), new)
    }

    func testTextsTooLargeForTheWordTableAreComparedByLine() {
        let words = (0..<2_500).map { "w\($0)" }
        let old = words.joined(separator: " ") + "\nend one\n"
        let new = words.reversed().joined(separator: " ") + "\nend one\n"
        let diff = WordDiff(old, new)
        XCTAssertEqual(joined(diff, keeping: .removed), old)
        XCTAssertEqual(joined(diff, keeping: .added), new)
        XCTAssertEqual(diff.pieces.last, WordDiff.Piece(.same, "\nend one\n"))
    }
}
