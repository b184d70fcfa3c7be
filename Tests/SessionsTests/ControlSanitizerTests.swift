import ChatModel
import Foundation
import Sessions
import XCTest

/// Hostile server text shown safely: the workbench's cells, the command line's terminal output, `send`'s
/// printer and the Markdown export all show controls visibly, with the one `ControlSanitizer`.
final class ControlSanitizerTests: XCTestCase {
    private let hostile = "A\u{1B}]0;pwned\u{07}B\u{1B}[2JC\u{1B}]52;c;ZXZpbA==\u{07}D\u{9B}31mE\u{202E}F\u{2066}G\u{7F}"

    func testTheWorkbenchFormKeepsItsVisibleSymbols() {
        XCTAssertEqual(ControlSanitizer.sanitize("\u{1B}[31mred\u{1B}[0m"), "␛[31mred␛[0m")
        XCTAssertEqual(ControlSanitizer.sanitize("bell\u{07} del\u{7F} csi\u{9B}"), "bell␇ del␡ csi⟨9B⟩")
        XCTAssertEqual(ControlSanitizer.sanitize("a\r\nb\rc"), "a\nb␍c", "CRLF is a newline, a lone CR is shown")
        XCTAssertEqual(ControlSanitizer.sanitize("a\tb"), "a   b", "tabs expand to the next multiple of four")
        XCTAssertEqual(ControlSanitizer.preview(Array("data: x\n\n".utf8)), "data: x␊␊")
        XCTAssertEqual(ControlSanitizer.sanitize("plain — café 東京"), "plain — café 東京")
    }

    func testBidirectionalOverridesAndIsolatesAreShown() {
        XCTAssertEqual(ControlSanitizer.sanitize("txt.\u{202E}exe"), "txt.⟨202E⟩exe")
        XCTAssertEqual(
            ControlSanitizer.printable("\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}"),
            "⟨202A⟩⟨202B⟩⟨202C⟩⟨202D⟩⟨2066⟩⟨2067⟩⟨2068⟩⟨2069⟩")
        XCTAssertEqual(ControlSanitizer.printable("\u{2029}\u{2065}\u{206A}\u{200F}"), "\u{2029}\u{2065}\u{206A}\u{200F}",
                       "neighbours of the overrides pass")
    }

    func testTheTerminalFormKeepsNewlinesAndTabsAndShowsEverythingElse() {
        XCTAssertEqual(ControlSanitizer.printable(hostile), "A␛]0;pwned␇B␛[2JC␛]52;c;ZXZpbA==␇D⟨9B⟩31mE⟨202E⟩F⟨2066⟩G␡")
        XCTAssertEqual(ControlSanitizer.printable("col\tcol\nnext\r\nline\rover"), "col\tcol\nnext\nline␍over")
        XCTAssertEqual(ControlSanitizer.printable("\u{80}\u{9F}\u{A0}é"), "⟨80⟩⟨9F⟩\u{A0}é", "only U+0080–U+009F are C1")
    }

    func testAStreamedCRLFSplitAcrossPiecesIsStillOneNewline() {
        var stream = ControlSanitizer.Stream()
        XCTAssertEqual(stream.next("one\r"), "one")
        XCTAssertEqual(stream.next("\ntwo\r"), "\ntwo")
        XCTAssertEqual(stream.next("three"), "␍three", "a CR not followed by LF is shown")
        XCTAssertEqual(stream.next("\u{1B}"), "␛")
        XCTAssertEqual(stream.next("end\r"), "end")
        XCTAssertEqual(stream.finish(), "␍")
        XCTAssertEqual(stream.finish(), "")
    }

    func testSendShowsControlsInTheAnswerOnATerminalAndOnStandardError() {
        var printer = EventPrinter(mode: .text)
        let step = Step(id: "t1", kind: .toolCall, name: "ti\u{1B}]0;x\u{07}tle", input: "{\"a\":\"\u{9B}2J\"}",
                        output: "ok\u{202E}", status: .completed)
        let out = printer.output(for: [
            .reasoning("think\u{1B}[2J"), .text(hostile), .step(step), .finished(reason: "stop"),
        ])
        XCTAssertEqual(out.standardOutput, "A␛]0;pwned␇B␛[2JC␛]52;c;ZXZpbA==␇D⟨9B⟩31mE⟨202E⟩F⟨2066⟩G␡\n")
        XCTAssertEqual(out.standardError, "think␛[2J[tool_call] ti␛]0;x␇tle {\"a\":\"⟨9B⟩2J\"}\n  → ok⟨202E⟩\n")
        XCTAssertFalse((out.standardOutput + out.standardError).unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" })
    }

    func testAnErrorBodyOnStandardErrorIsShownVisibly() {
        var printer = EventPrinter(mode: .text, exactAnswer: true)
        let error = ProviderError(kind: .http, status: 500, message: "HTTP 500: \u{1B}]0;owned\u{07}")
        let out = printer.output(for: [.text("partial"), .failed(error)])
        XCTAssertEqual(out.standardOutput, "partial\n")
        XCTAssertTrue(out.standardError.contains("␛]0;owned␇"), out.standardError)
        XCTAssertFalse(out.standardError.unicodeScalars.contains("\u{1B}"))
    }

    func testAnExactAnswerIsWrittenAsSent() {
        var printer = EventPrinter(mode: .text, exactAnswer: true)
        let out = printer.output(for: [.text(hostile), .text("\r\n"), .finished(reason: "stop")])
        XCTAssertEqual(out.standardOutput, hostile + "\r\n")
    }

    func testJSONLinesEscapeEveryControlAsUnicode() {
        XCTAssertEqual(
            JSONLine.escape("a\u{1B}b\u{7F}c\u{85}d\u{9B}e\u{202E}f\u{2069}g\"\\\n"),
            #"a\u001bb\u007fc\u0085d\u009be\u202ef\u2069g\"\\\n"#)
        let text = StreamEvent.text(hostile).jsonLine.text
        XCTAssertFalse(text.unicodeScalars.contains { ControlSanitizer.isControl($0) }, text)
        XCTAssertEqual(JSONLine.escape("plain — “quoted” café \u{2028}"), "plain — “quoted” café \u{2028}")
    }

    func testTheJSONReaderReadsTheEscapesBack() throws {
        let line = JSONLine(["text": hostile]).text
        XCTAssertEqual(try JSONReader.parse(line)["text"]?.stringValue, hostile)
    }

    func testMarkdownExportShowsControlsInsteadOfEmbeddingThem() {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let conversation = Conversation(id: "c1", title: "T\u{1B}]0;x\u{07}", provider: "openai", createdAt: t0)
        let reply = Message(id: "r1", role: .assistant, text: "col\tcol\n" + hostile, createdAt: t0)
        let markdown = TranscriptRenderer(conversation: conversation, messages: [reply]).render(.markdown)
        XCTAssertTrue(markdown.hasPrefix("# T␛]0;x␇\n"), markdown)
        XCTAssertTrue(markdown.contains("col\tcol\nA␛]0;pwned␇B␛[2JC"), markdown)
        XCTAssertFalse(markdown.unicodeScalars.contains { ControlSanitizer.isControl($0) && $0 != "\n" && $0 != "\t" })
    }
}
