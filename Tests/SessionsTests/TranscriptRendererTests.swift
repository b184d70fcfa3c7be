import ChatModel
import Foundation
import XCTest

/// The two outputs of one transcript walk: `parley conversations show` text and `parley export --format md`.
final class TranscriptRendererTests: XCTestCase {
    private let renderer: TranscriptRenderer = {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        var conversation = Conversation(id: "c1", title: "Trip", provider: "dify", profile: "work", createdAt: t0)
        conversation.remoteID = "conv-9"
        conversation.pinned = true
        var reply = Message(id: "r1", role: .assistant, text: "Go by ferry.", status: .failed, createdAt: t0.addingTimeInterval(60))
        reply.reasoning = "Islands\nneed boats"
        reply.steps = [Step(id: "s1", kind: .toolCall, name: "search", input: #"{"q":"ferry"}"#, output: "daily\n09:00", status: .completed, thought: "look it up")]
        reply.citations = [Citation(title: "Timetable", source: "kb", content: "Ferries leave daily.", score: 0.5, url: "https://example.invalid/t")]
        reply.files = [Attachment(id: "f1", type: "image", url: "https://example.invalid/map.png", name: "map.png")]
        reply.usage = Usage(promptTokens: 3, completionTokens: 4, totalTokens: 7, totalPrice: Price("0.0010"), currency: "USD")
        reply.error = ProviderError(kind: .stream, message: "cut off")
        var metrics = RunMetrics()
        metrics.note(RawRecord(kind: .event, offset: 0, receivedAt: 0.25, bytes: Array("data: x\n\n".utf8), events: [.text("Go")]))
        metrics.finish(at: 0.5)
        return TranscriptRenderer(
            conversation: conversation,
            messages: [Message(id: "u1", role: .user, text: "How do I get there?", createdAt: t0), reply],
            timings: ["r1": metrics], timeZone: TimeZone(identifier: "UTC")!)
    }()

    func testTextShowsEveryPartAndHowTheReplyEnded() {
        XCTAssertEqual(renderer.render(.text), """
            Trip
            dify · profile work · remote conv-9 · id c1
            created 2023-11-14 22:13, updated 2023-11-14 22:13 · pinned

            ── user · 2023-11-14 22:13 ──
            How do I get there?

            ── assistant · 2023-11-14 22:14 · failed ──
            reasoning:
              | Islands
              | need boats
            Go by ferry.
            steps:
              1. tool_call search (completed)
                 thought: look it up
                 input:   {"q":"ferry"}
                 output:  daily
                          09:00
            citations:
              [1] Timetable — kb (score 0.500) <https://example.invalid/t>
                  Ferries leave daily.
            files:
              image: map.png <https://example.invalid/map.png>
            usage: 3 prompt, 4 completion, 7 total tokens, 0.0010 USD
            timing: first byte 0.250 s, first token 0.250 s, total 0.500 s, 1 records, 9 bytes
            (the reply failed: Stream error: cut off)

            """)
    }

    func testMarkdownShowsTheSamePartsInTheSameOrder() {
        XCTAssertEqual(renderer.render(.markdown), """
            # Trip

            - Provider: dify, profile work, remote id `conv-9`
            - Created 2023-11-14T22:13:20Z, updated 2023-11-14T22:13:20Z
            - Pinned

            ## User · 2023-11-14T22:13:20Z

            How do I get there?


            ## Assistant · 2023-11-14T22:14:20Z · failed

            **Reasoning**

            > Islands
            > need boats

            Go by ferry.

            **Steps**

            1. tool_call **search** (completed)
               look it up

               Input:

               ```
               {"q":"ferry"}
               ```

               Output:

               ```
               daily
               09:00
               ```

            **Citations**

            1. Timetable — kb (score 0.500) <https://example.invalid/t>
               > Ferries leave daily.

            **Files**

            - image: map.png <https://example.invalid/map.png>

            **Usage**: 3 prompt, 4 completion, 7 total tokens, 0.0010 USD

            **Timing**: first byte 0.250 s, first token 0.250 s, total 0.500 s, 1 records, 9 bytes

            **Error**: Stream error: cut off


            """)
    }
}
