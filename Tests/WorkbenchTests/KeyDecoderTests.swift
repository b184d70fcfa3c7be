import CNcursesw
@testable import CursesTerminal
import TerminalUI
import XCTest

/// What the terminal sends becomes keys: a bracketed paste is one paste, Escape then Return is Alt-Enter.
final class KeyDecoderTests: XCTestCase {
    /// Feeds characters as `wget_wch` returns them (status OK), then what curses says when nothing is left.
    private func decode(_ text: String, into decoder: inout KeyDecoder, flush: Bool = true) -> [Key] {
        var keys = text.unicodeScalars.flatMap { decoder.feed(status: 0, code: $0.value) }
        if flush { keys += decoder.flush() }
        return keys
    }

    private func decode(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decode(text, into: &decoder)
    }

    func testABracketedPasteIsOnePasteWhateverItHolds() {
        XCTAssertEqual(decode("\u{1B}[200~first line\rsecond line\u{1B}[201~"), [.paste("first line\rsecond line")])
        XCTAssertEqual(decode("x\u{1B}[200~\u{11}q\u{1B}[201~y"), [.character("x"), .paste("\u{11}q"), .character("y")],
                       "Ctrl-Q and q inside a paste are text")
        XCTAssertEqual(decode("\u{1B}[200~\u{1B}[201~"), [], "an empty paste is nothing")
    }

    func testAPasteWaitsForItsEndAcrossReads() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decode("\u{1B}[200~one\r", into: &decoder), [], "nothing before the end marker")
        XCTAssertTrue(decoder.isInPaste)
        XCTAssertEqual(decode("two\u{1B}[20", into: &decoder), [])
        XCTAssertEqual(decode("1~", into: &decoder), [.paste("one\rtwo")])
        XCTAssertFalse(decoder.isInPaste)
    }

    func testEscapeSequencesInsideAPasteAreTextOrDropped() {
        var decoder = KeyDecoder()
        var keys = decode("\u{1B}[200~a\u{1B}[2Jb", into: &decoder, flush: false)
        keys += decoder.feed(status: parley_key_code_yes(), code: UInt32(parley_key_up()))
        keys += decode("c\u{1B}[201~", into: &decoder)
        XCTAssertEqual(keys, [.paste("a\u{1B}[2Jbc")], "a key curses decoded inside a paste is dropped, never pressed")
    }

    func testAPasteWhoseEndNeverComesIsDeliveredAsItIs() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decode("\u{1B}[200~lost end", into: &decoder), [])
        XCTAssertEqual(decoder.endPaste(), [.paste("lost end")])
        XCTAssertEqual(decode("q", into: &decoder), [.character("q")], "keys are keys again")
    }

    func testALongPasteComesInPartsThatAddUp() {
        var decoder = KeyDecoder()
        let text = String(repeating: "0123456789\r", count: 10_000)
        let keys = decode("\u{1B}[200~" + text + "\u{1B}[201~", into: &decoder)
        XCTAssertGreaterThan(keys.count, 1)
        let joined = keys.map { key -> String in
            guard case .paste(let part) = key else { return "<\(key)>" }
            return part
        }.joined()
        XCTAssertEqual(joined, text)
    }

    func testEnterAltEnterControlJAndEscape() {
        XCTAssertEqual(decode("\r"), [.enter])
        XCTAssertEqual(decode("\n"), [.control("j")])
        XCTAssertEqual(decode("\u{1B}\r"), [.altEnter])
        XCTAssertEqual(decode("\u{1B}\n"), [.altEnter])
        XCTAssertEqual(decode("\u{1B}"), [.escape], "a lone Escape is the Escape key once nothing follows")
        XCTAssertEqual(decode("\u{1B}x"), [.escape, .character("x")])
        XCTAssertEqual(decode("\u{1B}[2"), [.escape, .character("["), .character("2")], "a sequence cut short is its keys")
        XCTAssertEqual(decode("\u{1B}\u{1B}"), [.escape, .escape])
    }
}
