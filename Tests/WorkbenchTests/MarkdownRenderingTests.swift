import ChatModel
import Markdown
import TerminalUI
import TestSupport
import XCTest

@testable import Workbench

/// Replies render as Markdown for the terminal, and a streamed reply renders to the same lines as the whole
/// text, however it arrives, while each update parses only its unfinished tail.
final class MarkdownRenderingTests: XCTestCase {
    static let reply = """
        # Streaming with SSE

        Server-sent events keep **one HTTP response** open and push `data:` lines as the *model* writes. \
        See [the spec](https://html.spec.whatwg.org/multipage/server-sent-events.html) for details.

        ## What to check

        - the `Content-Type` header
        - keep-alive comments
          1. ping events
          2. `: comment` lines
        - the final `[DONE]`

        > A proxy that buffers responses
        > holds every event back until the end.

        | Event | Fields | Bytes |
        |:------|:------:|------:|
        | message | data | 1,204 |
        | ping | — | 8 |
        | message_end | data, usage | 311 |

        ```swift
        let parser = SSEParser()
        for frame in parser.feed(bytes) {
            print(frame.data)
        }
        ```

        ---

        Done.
        """

    func testRenderedReplySnapshot() {
        let size = Size(columns: 120, rows: 54)
        var state = Scenes.empty(size: size)
        let id = Scenes.sending("How does SSE streaming work?", size: size, into: &state)
        let pieces = stride(from: 0, to: Self.reply.count, by: 37).map { start -> String in
            let from = Self.reply.index(Self.reply.startIndex, offsetBy: start)
            return String(Self.reply[from..<(Self.reply.index(from, offsetBy: 37, limitedBy: Self.reply.endIndex) ?? Self.reply.endIndex)])
        }
        var records = Scenes.textRecords(pieces)
        records.append(Scenes.doneRecord(at: 1, offset: records.last!.offset + records.last!.bytes.count))
        _ = reduce(&state, .event(.runRecords(runID: id, records)))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        let grid = Screen.render(state, size: size)
        assertSnapshot(grid, named: "markdown-reply")
        assertStyledSnapshot(grid, named: "markdown-reply")
        let text = grid.text
        XCTAssertTrue(text.contains("Streaming with SSE"))
        XCTAssertFalse(text.contains("# Streaming"), "the heading mark is not shown")
        XCTAssertFalse(text.contains("**one"), "emphasis marks are not shown")
        XCTAssertTrue(text.contains("See the spec"))
        XCTAssertTrue(text.contains("(https://html.spec.whatwg.org/multipage/server-sen"), "a link shows its URL")
        XCTAssertTrue(text.contains("╭─ swift"), "a code block shows its language")
        XCTAssertTrue(text.contains("│ message_end │ data, usage │   311 │"), "table columns are aligned")
        XCTAssertTrue(text.contains("│ ping        │      —      │     8 │"), "centred and right-aligned cells")
    }

    func testMKeyShowsTheSourceAndRendersAgain() {
        var state = Scenes.empty()
        let id = Scenes.sending("Hi", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["# Title\n\nSome **bold** text."]))))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertFalse(Screen.render(state, size: state.size).text.contains("**bold**"))
        _ = reduce(&state, .key(.character("m")))
        let source = Screen.render(state, size: state.size).text
        XCTAssertTrue(source.contains("# Title"))
        XCTAssertTrue(source.contains("Some **bold** text."))
        XCTAssertTrue(source.contains("· Markdown source"))
        _ = reduce(&state, .key(.character("m")))
        let rendered = Screen.render(state, size: state.size).text
        XCTAssertFalse(rendered.contains("**bold**"))
        XCTAssertFalse(rendered.contains("Markdown source"))
    }

    func testMKeyWithoutAReplySaysWhy() {
        var state = Scenes.empty()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("m")))
        XCTAssertEqual(state.notice, "No reply to show the source of.")
    }

    func testControlSequencesInMarkdownAreShownNotSent() {
        let lines = MarkdownRenderer.render("# \u{1B}[31mred\n\n`\u{1B}]52;c;eA==\u{7}`\n\n```\n\u{9B}2J\n```", width: 60)
        let text = lines.map(\.text).joined(separator: "\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
        XCTAssertTrue(text.contains("␛[31mred"))
        XCTAssertTrue(text.contains("⟨9B⟩2J"))
    }

    func testWideTableNarrowsItsWidestColumnAndWraps() {
        let source = "| key | description |\n|---|---|\n| a | " + String(repeating: "long words ", count: 12) + "|\n"
        let lines = MarkdownRenderer.render(source, width: 40)
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0.text) <= 40 }, lines.map(\.text).joined(separator: "\n"))
        XCTAssertGreaterThan(lines.count, 5, "the long cell wraps inside its column")
    }

    // MARK: incremental rendering

    private static let blocks = [
        "# Heading one", "## Heading *two*", "### Third", "A paragraph with **bold**, *italic*, `code` and a [link](https://example.com).",
        "A soft\nbreak and a hard  \nbreak.", "- one\n- two\n- three", "- loose\n\n- list\n\n  continued", "1. first\n2. second\n   - nested",
        "3) paren\n4) list", "> quoted\n> text\n\n> another quote", "```python\nprint(1)\n\n\nprint(2)\n```", "~~~\nno language\n~~~",
        "    indented code\n\n    more code", "| a | b |\n|---|--:|\n| 1 | 2 |\n| 333 | 4 |", "---", "Some ~~struck~~ text and https://auto.link/x",
        "- [ ] task\n- [x] done", "日本語のテキスト 😀 e\u{301}", "Escape \u{1B}[2J and \u{9B} and \u{7F}", "line with\r\nCRLF\r\n",
        "```\nunclosed fence\n\nstill code", "<div>\nhtml\n</div>", "<!--\ncomment\n\nstill comment\n-->", "<pre>\ncode\n\nmore code\n</pre>",
        "<!-- one line --> after", "Setext\n======", "1. a\n\n2. b\n\n10. c",
    ]

    func testStreamedMarkdownRendersLikeTheWholeText() {
        for seed in 0..<400 as Range<UInt64> {
            var random = SeededRandom(state: seed)
            let width = Int.random(in: 1...60, using: &random)
            var text = ""
            var usedDefinition = false
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                if !usedDefinition, Int.random(in: 0..<6, using: &random) == 0 {
                    text += "\n\n[ref]: https://example.com/ref\n\nSee [the ref][ref].\n\n"
                    usedDefinition = true
                }
                text += Self.blocks.randomElement(using: &random)!
                text += ["\n\n", "\n", "\n\n\n", ""].randomElement(using: &random)!
            }
            if usedDefinition { text += "\n\nAgain [the ref][ref]." }
            var markdown = IncrementalMarkdown()
            var fed = text.startIndex
            while fed < text.endIndex {
                fed = text.index(fed, offsetBy: Int.random(in: 1...12, using: &random), limitedBy: text.endIndex) ?? text.endIndex
                let prefix = String(text[..<fed])
                markdown.update(prefix, width: width)
                let expected = MarkdownRenderer.render(prefix, width: width)
                XCTAssertEqual(Array(markdown.rendered).map(\.text), expected.map(\.text),
                               "seed \(seed), width \(width), text \(prefix.debugDescription)")
                XCTAssertEqual(Array(markdown.rendered), expected, "seed \(seed): styles")
                if Array(markdown.rendered) != expected { return }
            }
            markdown.update(text, width: width, complete: true)
            XCTAssertEqual(Array(markdown.rendered), MarkdownRenderer.render(text, width: width), "seed \(seed): complete")
        }
    }

    func testADefinitionAtTheEndLinksTheTextAboveOnceTheReplyIsComplete() {
        let text = "See [the docs][ref] first.\n\nMore text.\n\n[ref]: https://example.com/docs\n"
        var markdown = IncrementalMarkdown()
        var fed = text.startIndex
        while fed < text.endIndex {
            fed = text.index(after: fed)
            markdown.update(String(text[..<fed]), width: 60)
        }
        markdown.update(text, width: 60, complete: true)
        XCTAssertEqual(Array(markdown.rendered), MarkdownRenderer.render(text, width: 60))
        XCTAssertTrue(Array(markdown.rendered).map(\.text).contains("See the docs (https://example.com/docs) first."))
    }

    func testAStreamingReplyParsesOnlyItsTail() {
        var markdown = IncrementalMarkdown()
        var text = ""
        var perUpdate: [Int] = []
        for n in 0..<400 {
            text += n.isMultiple(of: 5) ? "\n\n## Part \(n)\n\n" : "Sentence \(n) with **bold** and `code`. "
            perUpdate.append(markdown.update(text, width: 80))
        }
        XCTAssertLessThan(perUpdate.suffix(50).max()!, 400, "an update parses the last block, not the reply of \(text.utf8.count) bytes")
        XCTAssertEqual(Array(markdown.rendered), MarkdownRenderer.render(text, width: 80))
    }

    func testABlockLongerThanTheTailLimitShowsPlainUntilItEnds() {
        var markdown = IncrementalMarkdown()
        let paragraph = String(repeating: "word **x** ", count: IncrementalMarkdown.tailLimit / 10)
        var text = "# Title\n\n"
        markdown.update(text, width: 40)
        for chunk in stride(from: 0, to: paragraph.count, by: 500) {
            let start = paragraph.index(paragraph.startIndex, offsetBy: chunk)
            text += paragraph[start..<(paragraph.index(start, offsetBy: 500, limitedBy: paragraph.endIndex) ?? paragraph.endIndex)]
            XCTAssertLessThanOrEqual(markdown.update(text, width: 40), IncrementalMarkdown.tailLimit)
        }
        XCTAssertFalse(markdown.plain.isEmpty, "the long paragraph is shown plain while it streams")
        XCTAssertEqual(Array(markdown.rendered).first?.text, "Title")
        text += "\n\nNext."
        markdown.update(text, width: 40)
        XCTAssertTrue(markdown.plain.isEmpty)
        XCTAssertEqual(Array(markdown.rendered), MarkdownRenderer.render(text, width: 40), "once it ends it is rendered")
    }
}
