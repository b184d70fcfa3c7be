import ChatModel
import TerminalUI
import XCTest

@testable import Workbench

/// A reply whose last block grew too long to parse per frame is rendered whole off the screen's thread when it
/// ends: the frame at its end keeps the streaming look and parses nothing, and the rendered Markdown follows.
final class EndedReplyRenderTests: XCTestCase {
    /// One paragraph longer than the tail limit, with Markdown in it, ending in a bold word.
    private static let paragraph = (0..<700).map { "word\($0) **x** " }
    private static let last = " the very **last** word"

    private func streamLongParagraph(into state: inout AppState) -> String {
        let id = Scenes.sending("long", into: &state)
        for batch in stride(from: 0, to: Self.paragraph.count, by: 100) {
            _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(Array(Self.paragraph[batch..<(batch + 100)])))))
            _ = Screen.render(state, size: state.size)
        }
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords([Self.last], offset: 900_000))))
        return id
    }

    func testTheEndOfALongReplyIsRenderedOffTheScreensThread() throws {
        var state = Scenes.empty()
        let id = streamLongParagraph(into: &state)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("**last**"), "shown plain while it streams")

        let parsedBefore = TranscriptLayout.shared.markdownParsed
        var effects = reduce(&state, .event(.runRecords(runID: id, [Scenes.doneRecord(at: 2, offset: 999_000)])))
        effects += reduce(&state, .event(.runEnded(runID: id)))
        let reply = try XCTUnwrap(state.current.messages.last)
        XCTAssertEqual(reply.status, .complete)
        let width = state.layout.transcriptBody.width
        let renders = effects.filter { if case .renderReply = $0 { return true } else { return false } }
        XCTAssertTrue(renders == [.renderReply(reply, width: width)], "the reply is rendered once, off the screen's thread")
        let endFrame = Screen.render(state, size: state.size).text
        XCTAssertTrue(endFrame.contains("**last**"), "the frame at the end keeps the streaming look")
        XCTAssertFalse(endFrame.contains("streaming"), endFrame)
        XCTAssertLessThan(TranscriptLayout.shared.markdownParsed - parsedBefore, 4_096, "the end's frame parsed no reply")

        TranscriptLayout.shared.prepareComplete(reply, width: width)
        _ = reduce(&state, .event(.replyRendered(messageID: reply.id)))
        let parsedRendered = TranscriptLayout.shared.markdownParsed
        let rendered = Screen.render(state, size: state.size).text
        XCTAssertTrue(rendered.contains("last word"), rendered)
        XCTAssertFalse(rendered.contains("**"), "the whole reply is rendered as Markdown")
        XCTAssertEqual(TranscriptLayout.shared.markdownParsed, parsedRendered, "the frame takes the rendered lines as they are")
    }

    func testAShortReplyIsRenderedInItsLastFrame() {
        var state = Scenes.empty()
        let id = Scenes.sending("short", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["a **short** reply"]))))
        _ = Screen.render(state, size: state.size)
        let effects = reduce(&state, .event(.runRecords(runID: id, [Scenes.doneRecord(at: 1, offset: 500)])))
            + reduce(&state, .event(.runEnded(runID: id)))
        XCTAssertFalse(effects.contains { if case .renderReply = $0 { return true } else { return false } })
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("a short reply"))
    }

    func testScrolledBackTheReadingPlaceStaysWhenTheRenderedReplyArrives() throws {
        var state = Scenes.empty()
        let id = streamLongParagraph(into: &state)
        _ = reduce(&state, .intent(.scrollTranscriptLines(150)))
        let effects = reduce(&state, .event(.runRecords(runID: id, [Scenes.doneRecord(at: 2, offset: 999_000)])))
        let render = effects.lazy.compactMap { effect -> (Message, Int)? in
            if case .renderReply(let reply, let width) = effect { return (reply, width) } else { return nil }
        }.first
        guard let (reply, width) = render else { return XCTFail("no render asked for") }
        let scrolled = state.transcript.scrollBack
        XCTAssertGreaterThan(scrolled, 100)
        let layout = TranscriptLayout.shared
        let plainLines = layout.lineCount(state.current.messages, width: width, rendering: [reply.id])
        TranscriptLayout.shared.prepareComplete(reply, width: width)
        _ = reduce(&state, .event(.replyRendered(messageID: reply.id)))
        let renderedLines = layout.lineCount(state.current.messages, width: width)
        XCTAssertNotEqual(plainLines, renderedLines, "rendering changes the reply's lines (its ** go)")
        XCTAssertEqual(state.transcript.scrollBack, scrolled + renderedLines - plainLines,
                       "the lines above what the user reads move the offset, so the view stays on the same text")
    }
}
