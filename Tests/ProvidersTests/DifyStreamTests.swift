import ChatModel
import Foundation
import Providers
import TestSupport
import Wire
import XCTest

final class DifyStreamTests: XCTestCase {
    private let make: () -> any StreamDecoder = { DifyDecoder() }

    func testAgentChatStreamUpsertsThoughtsAndEndsWithCitationsAndUsage() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/D1-agent-chat.sse")
        let thought1 = "6b0f7f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
        let thought2 = "7c1a8e4f-2d3e-4f60-9b0c-1d2e3f4a5b6c"
        let fileID = "9d2b9f50-3e4f-4a71-8c1d-2e3f4a5b6c7d"
        let input = #"{"dalle3": {"prompt": "a cute cat"}}"#
        let observation = #"{"dalle3": "image has been created and sent to user already, you should tell user to check it now."}"#
        let answer = "Here is your cat picture. Cats sleep 12–16 hours a day, so it looks rested."
        let url = "https://dify.example.com/files/tools/e0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b.png?timestamp=1767225611&nonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0&sign=Vb2xQy8r0kT3mN5pL7wZ1aC4eG6iK9oR2uX5zB8dF0h="
        XCTAssertEqual(Array(events.prefix(12)), [
            .opened(conversationID: "8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90", messageID: "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c"),
            .step(Step(id: thought1, kind: .agentThought, name: "thought 1")),
            .text("Let me draw"),
            .text(" that for you."),
            .step(Step(
                id: thought1, kind: .agentThought, name: "dalle3", input: input, thought: "Let me draw that for you.",
                label: "DALL-E 3")),
            .file(Attachment(id: fileID, type: "image", url: url, belongsTo: "assistant")),
            .keepAlive,
            .step(Step(
                id: thought1, kind: .agentThought, name: "dalle3", input: input, output: observation, status: .completed,
                thought: "Let me draw that for you.", label: "DALL-E 3", fileIDs: [fileID])),
            .step(Step(id: thought2, kind: .agentThought, name: "thought 2")),
            .text("Here is your cat"),
            .text(" picture. Cats sleep 12–16 hours a day, so it looks rested."),
            .step(Step(id: thought2, kind: .agentThought, name: "thought 2", status: .completed, thought: answer)),
        ])
        XCTAssertEqual(events[7].jsonLine.text, #"{"type":"step","id":"\#(thought1)","kind":"agent_thought","name":"dalle3","input":"{\"dalle3\": {\"prompt\": \"a cute cat\"}}","output":"{\"dalle3\": \"image has been created and sent to user already, you should tell user to check it now.\"}","status":"completed","thought":"Let me draw that for you.","label":"DALL-E 3","files":["\#(fileID)"]}"#)
        guard events.count == 15, case .citations(let citations) = events[12] else {
            return XCTFail("expected citations, usage and finished after the steps: \(events.suffix(4))")
        }
        XCTAssertEqual(citations.map(\.title), ["cats.md", "kittens.pdf"])
        XCTAssertEqual(citations.map(\.source), ["Pet care", "Pet care"])
        XCTAssertEqual(citations.map(\.position), [1, 2])
        XCTAssertEqual(citations.map(\.score), [0.8731, 0.6512])
        XCTAssertEqual(citations[0].id, "ed599c7f-2766-4294-9d1d-e5235a61270a")
        XCTAssertEqual(citations[1].content, "Kittens may sleep up to 20 hours a day.")
        XCTAssertEqual(citations[1].metadata?["page"], "3")
        XCTAssertEqual(citations[1].metadata?["document_id"], "2c9e1f70-6a5b-4c3d-9e8f-7a6b5c4d3e2f")
        XCTAssertEqual(citations[0].metadata?["hit_count"], "3")
        XCTAssertEqual(citations[0].metadata?["retriever_from"], "dev")
        XCTAssertEqual(events[13], .usage(Usage(
            promptTokens: 412, completionTokens: 58, totalTokens: 470, totalPrice: Price("0.0016100"),
            currency: "USD", latency: 6.482, pricing: Pricing(
                promptPrice: Price("0.0010300"), promptUnitPrice: Price("0.0025"), promptPriceUnit: Price("0.001"),
                completionPrice: Price("0.0005800"), completionUnitPrice: Price("0.01"), completionPriceUnit: Price("0.001")))))
        XCTAssertEqual(events[14], .finished(reason: "stop"))
    }

    func testChatflowStreamMakesWorkflowAndNodeSteps() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/D2-chatflow.sse")
        XCTAssertEqual(events.first, .opened(
            conversationID: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", messageID: "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"))
        XCTAssertEqual(ReplayHarness.text(events), "Hello! How can I help?")
        let steps = ReplayHarness.finalSteps(events)
        XCTAssertEqual(steps.map(\.id), [
            "b7e6d5c4-3a2b-4c1d-9e0f-1a2b3c4d5e6f", "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a50",
            "f2e3d4c5-b6a7-4089-9b0c-1d2e3f4a5b61", "f3e4d5c6-b7a8-4190-8c1d-2e3f4a5b6c72",
        ])
        XCTAssertEqual(steps.map(\.kind), [.workflow, .node, .node, .node])
        XCTAssertEqual(steps.map(\.name), ["workflow", "Start", "LLM", "Answer"])
        XCTAssertEqual(steps.map(\.label), [nil, "start", "llm", "answer"])
        XCTAssertEqual(steps.map(\.status), [.completed, .completed, .completed, .completed])
        XCTAssertEqual(steps[3].output, #"{"answer":"Hello! How can I help?","files":[]}"#)
        XCTAssertTrue(steps[0].input.contains(#""sys.query":"hi""#), steps[0].input)
        XCTAssertTrue(steps[2].output.contains(#""text":"Hello! How can I help?""#), steps[2].output)
        let running = ReplayHarness.steps(events).filter { $0.id == "f2e3d4c5-b6a7-4089-9b0c-1d2e3f4a5b61" }
        XCTAssertEqual(running.map(\.status), [.running, .completed])
        XCTAssertEqual(Array(events.suffix(2)), [
            .usage(Usage(
                promptTokens: 18, completionTokens: 7, totalTokens: 25, totalPrice: Price("0.0000069"),
                currency: "USD", latency: 0.874, pricing: Pricing(
                promptPrice: Price("0.0000027"), promptUnitPrice: Price("0.15"), promptPriceUnit: Price("0.000001"),
                completionPrice: Price("0.0000042"), completionUnitPrice: Price("0.6"), completionPriceUnit: Price("0.000001")))),
            .finished(reason: "stop"),
        ])
    }

    func testErrorEventFailsTheTurnWithTheServersWords() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/D3-error.sse")
        XCTAssertEqual(events, [
            .opened(conversationID: "45701982-8118-4bc5-8e9b-64562b4555f2", messageID: "5ad4cb98-f0c7-4085-b384-88c403be6290"),
            .text("Hi"), .text(" there"), .text("!"),
            .failed(ProviderError(
                kind: .stream, status: 400, code: "completion_request_error",
                message: "The model call failed: [openai] Rate Limit Error, Error code: 429 - You exceeded your current quota.")),
        ])
    }

    func testMislabelledMessageFileEventsAreText() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/D4-message-file-bug.sse")
        XCTAssertEqual(ReplayHarness.text(events), "The image shows a cat.")
        XCTAssertFalse(events.contains { if case .file = $0 { return true } else { return false } })
        XCTAssertEqual(events.last, .finished(reason: "stop"))
        XCTAssertTrue(events.contains(.usage(Usage(
            promptTokens: 1033, completionTokens: 6, totalTokens: 1039, totalPrice: Price("0.0010450"),
            currency: "USD", latency: 1.3817, pricing: Pricing(
                promptPrice: Price("0.0010330"), promptUnitPrice: Price("0.001"), promptPriceUnit: Price("0.001"),
                completionPrice: Price("0.0000120"), completionUnitPrice: Price("0.002"), completionPriceUnit: Price("0.001"))))))
    }

    func testStreamCutBeforeMessageEndIsInterrupted() throws {
        let whole = try String(decoding: Fixtures.bytes("dify/D1-agent-chat.sse"), as: UTF8.self)
        let cut = whole.components(separatedBy: "data: {\"event\":\"message_end\"")[0]
        let events = ReplayHarness.events(make, bytes: Array(cut.utf8))
        guard case .failed(let error) = events.last else { return XCTFail("expected a failure, got \(events.suffix(2))") }
        XCTAssertEqual(error.kind, .interrupted)
        XCTAssertFalse(events.contains(.finished(reason: "stop")))
        let closed = ReplayHarness.finalSteps(events)
        XCTAssertEqual(closed.map(\.status), [.completed, .completed])
    }

    func testDify013SpacedCaptureOfAChatStream() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/dify-0.13-chat.sse")
        XCTAssertEqual(events.first, .opened(
            conversationID: "69a4e060-8382-4b9c-80ad-6f754e52fc3f", messageID: "1d315417-660e-4a79-b1c3-78d6f6284de1"))
        XCTAssertEqual(ReplayHarness.text(events), "Hi there, this is fakellm streaming word by word.")
        guard case .usage(let usage) = events.dropLast().last else { return XCTFail("expected usage before the end") }
        XCTAssertEqual(usage.promptTokens, 2)
        XCTAssertEqual(usage.completionTokens, 13)
        XCTAssertEqual(usage.totalTokens, 15)
        XCTAssertEqual(usage.totalPrice?.text, "0E-7", "the price as Dify wrote it")
        XCTAssertEqual(usage.totalPrice?.value, 0, "and its value is zero")
        XCTAssertEqual(usage.latency ?? 0, 0.097059389, accuracy: 1e-9)
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    func testDify013SpacedCaptureOfAnAgentStreamWithUnicodeEscapes() throws {
        let events = try ReplayHarness.events(make, fixture: "dify/dify-0.13-agent-chat.sse")
        XCTAssertEqual(ReplayHarness.text(events), "The tool says it is now that time. Done.")
        let steps = ReplayHarness.finalSteps(events)
        XCTAssertEqual(steps.map(\.id), ["e0a2f982-03e4-45a0-a4dd-f8a655fb195a", "bbc35d57-5155-4cdf-a1dc-57a62fa55f7c"])
        XCTAssertEqual(steps[0].name, "current_time")
        XCTAssertEqual(steps[0].label, "Current Time")
        XCTAssertEqual(steps[0].input, #"{"current_time": {"format": "%Y-%m-%d %H:%M:%S", "timezone": "UTC"}}"#)
        XCTAssertEqual(steps[0].output, #"{"current_time": "2026-11-22 02:43:32"}"#)
        XCTAssertEqual(steps[1].thought, "The tool says it is now that time. Done.")
        XCTAssertEqual(steps.map(\.status), [.completed, .completed])
        XCTAssertEqual(events.last, .finished(reason: "stop"))
    }

    func testDocsExampleLineWithLiteralBackslashNIsNeverACompleteEvent() throws {
        let bytes = try Fixtures.bytes("dify/D0-docs-line.txt")
        let records = ReplayHarness.records(DifyDecoder(), head: ReplayHarness.eventStream, chunks: [bytes[...]])
        XCTAssertEqual(records.flatMap(\.bytes), bytes)
        XCTAssertEqual(records.flatMap(\.events).map(\.isTerminal), [true])
        XCTAssertEqual(ReplayHarness.text(records.flatMap(\.events)), "")
    }

    func testUnknownTTSAndNewerEventsProduceNothingButStayRaw() {
        let stream = """
            data: {"event": "human_input_required", "conversation_id": "c1", "message_id": "m1", "task_id": "t1", "data": {}}

            data: {"event":"tts_message","conversation_id":"c1","message_id":"m1","task_id":"t1","audio":"SUQz"}

            data: {"event":"message_replace","conversation_id":"c1","message_id":"m1","task_id":"t1","answer":"Filtered.","reason":""}

            data: {"event":"message_end","conversation_id":"c1","message_id":"m1","task_id":"t1","id":"m1","metadata":{}}

            data: {"event":"tts_message_end","conversation_id":"c1","message_id":"m1","task_id":"t1","audio":""}


            """
        let bytes = Array(stream.utf8)
        let records = ReplayHarness.records(DifyDecoder(), head: ReplayHarness.eventStream, chunks: [bytes[...]])
        XCTAssertEqual(records.filter { $0.kind == .event }.count, 5)
        XCTAssertEqual(records.flatMap(\.bytes), bytes)
        XCTAssertEqual(ReplayHarness.events({ DifyDecoder() }, bytes: bytes), [
            .opened(conversationID: "c1", messageID: "m1"), .replaced("Filtered."), .finished(reason: "stop"),
        ])
    }

    func testIterationRetryAndStoppedWorkflowEvents() {
        func event(_ name: String, _ data: String) -> String {
            "data: {\"event\":\"\(name)\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"task_id\":\"t\",\"workflow_run_id\":\"r\",\"data\":\(data)}\n\n"
        }
        let stream = [
            event("workflow_started", #"{"id":"r","inputs":{}}"#),
            event("iteration_started", #"{"id":"it","node_id":"n9","node_type":"iteration","title":"Each","inputs":{"items":[1,2]}}"#),
            event("iteration_next", #"{"id":"it","node_id":"n9","node_type":"iteration","title":"Each","index":1}"#),
            event("node_retry", #"{"id":"x","node_id":"n10","node_type":"http-request","title":"Fetch","inputs":{},"outputs":null,"status":"retry","error":"timeout","retry_index":1}"#),
            event("node_finished", #"{"id":"x","node_id":"n10","node_type":"http-request","title":"Fetch","outputs":{"body":"ok"},"status":"succeeded"}"#),
            event("iteration_completed", #"{"id":"it","node_id":"n9","node_type":"iteration","title":"Each","outputs":{"output":[1,2]},"status":"succeeded"}"#),
            event("parallel_branch_started", #"{"parallel_id":"p","parallel_start_node_id":"n11"}"#),
            event("agent_log", #"{"node_execution_id":"x","id":"log1","label":"ROUND 1","status":"success","data":{"a":1}}"#),
            event("workflow_finished", #"{"id":"r","status":"stopped","outputs":{},"error":null}"#),
            "data: {\"event\":\"message_end\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"task_id\":\"t\",\"id\":\"m\",\"metadata\":{},\"files\":[]}\n\n",
        ].joined()
        let events = ReplayHarness.events({ DifyDecoder() }, bytes: Array(stream.utf8))
        let steps = ReplayHarness.finalSteps(events)
        XCTAssertEqual(steps.map(\.id), ["r", "it", "x", "parallel:p:n11", "log1"])
        XCTAssertEqual(steps.map(\.status), [.stopped, .completed, .completed, .completed, .completed])
        XCTAssertEqual(steps[1].input, #"{"items":[1,2]}"#)
        XCTAssertEqual(steps[1].output, #"{"output":[1,2]}"#)
        XCTAssertEqual(steps[2].output, #"{"body":"ok"}"#)
        XCTAssertEqual(steps[4].name, "ROUND 1")
        let retry = ReplayHarness.steps(events).first { $0.id == "x" }
        XCTAssertEqual(retry?.output, "timeout")
        XCTAssertEqual(events.last, .finished(reason: "stopped"))
    }
}
