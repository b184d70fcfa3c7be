import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

/// The session controller with a scripted provider and transport: runs, cancels, failures, history.
final class SessionControllerTests: XCTestCase {
    private func controller(_ transport: ScriptedTransport, journal: MemoryJournal? = nil) -> SessionController {
        let clock = SteppingClock()
        let counter = Counter()
        return SessionController(
            runner: RunStarter(provider: ScriptedProvider(), transport: transport, now: { clock.read() }),
            journal: journal, makeID: { "id-\(counter.next())" }, now: { Date(timeIntervalSince1970: 1_000) })
    }

    /// Collects updates until `count` runs have ended, with a deadline.
    private func endedRuns(_ controller: SessionController, count: Int, seconds: Double = 5) async throws -> [RunLog] {
        try await withDeadline(seconds) {
            var ended: [RunLog] = []
            for await update in controller.updates {
                if case .ended(let run) = update { ended.append(run) }
                if ended.count == count { break }
            }
            return ended
        }
    }

    func testRunFoldsTextUsageAndTiming() async throws {
        let transport = ScriptedTransport([.init(chunks: [sse("text:Hel"), sse("text:lo", "usage:2"), sse("finish")])])
        let journal = MemoryJournal()
        let controller = controller(transport, journal: journal)
        await controller.send("hi", in: "c1")
        let run = try await endedRuns(controller, count: 1)[0]
        XCTAssertEqual(run.reply.text, "Hello")
        XCTAssertEqual(run.reply.status, .complete)
        XCTAssertEqual(run.reply.usage?.completionTokens, 2)
        XCTAssertEqual(run.metrics.records, 4)
        XCTAssertEqual(run.metrics.completionTokens, 2)
        let ttfb = try XCTUnwrap(run.metrics.timeToFirstByte)
        let ttft = try XCTUnwrap(run.metrics.timeToFirstToken)
        let duration = try XCTUnwrap(run.metrics.duration)
        XCTAssertLessThanOrEqual(ttfb, ttft)
        XCTAssertLessThan(ttft, duration)
        XCTAssertEqual(try XCTUnwrap(run.metrics.tokensPerSecond), 2 / (duration - ttft), accuracy: 1e-9)
        let calls = await journal.calls
        XCTAssertEqual(calls.first, "started id-2 prompt=hi")
        XCTAssertEqual(calls.last, "ended id-2 complete Hello")
    }

    /// With an observer, every update reaches it in order (the way `send` prints) and the stream stays empty.
    func testAnObserverHearsEveryUpdateInOrderInsteadOfTheStream() async throws {
        let transport = ScriptedTransport([.init(chunks: [sse("text:Hel"), sse("text:lo"), sse("finish")])])
        let heard = Locked<[String]>([])
        let ended = expectation(description: "the run ended")
        let controller = SessionController(
            runner: RunStarter(provider: ScriptedProvider(), transport: transport), observer: { update in
                switch update {
                case .started: heard.mutate { $0.append("started") }
                case .receivedHead(_, let status, _): heard.mutate { $0.append("head \(status)") }
                case .progressed(_, let records):
                    heard.mutate { $0.append(contentsOf: records.flatMap(\.events).map { "\($0)" }) }
                case .ended(let run):
                    heard.mutate { $0.append("ended \(run.reply.text)") }
                    ended.fulfill()
                }
            })
        await controller.send("hi", in: "c1")
        await fulfillment(of: [ended], timeout: 5)
        XCTAssertEqual(heard.get().first, "started")
        XCTAssertEqual(heard.get()[1], "head 200")
        XCTAssertEqual(heard.get().last, "ended Hello")
        XCTAssertEqual(heard.get().filter { $0.hasPrefix("text") }.count, 2)
        var streamed = 0
        for await _ in controller.updates { streamed += 1 }
        XCTAssertEqual(streamed, 0, "the stream is finished and carries nothing")
    }

    func testCancelKeepsWhatArrived() async throws {
        let transport = ScriptedTransport([.init(chunks: [sse("text:partial")], holdOpen: true)])
        let controller = controller(transport)
        let id = await controller.send("hi", in: "c1")
        let run = try await withDeadline(5) { () -> RunLog? in
            for await update in controller.updates {
                if case .progressed(_, let records) = update, records.flatMap(\.events).contains(.text("partial")) {
                    await controller.cancel(id)
                }
                if case .ended(let run) = update { return run }
            }
            return nil
        }
        XCTAssertEqual(run?.reply.status, .cancelled)
        XCTAssertEqual(run?.reply.text, "partial")
        let active = await controller.isActive(id)
        XCTAssertFalse(active)
    }

    func testAStopTheServerHonoursStillEndsCancelledWithItsUsage() async throws {
        let ids = #""task_id": "task-7", "message_id": "m1", "conversation_id": "c-remote", "created_at": 1"#
        let transport = ScriptedTransport([
            .init(chunks: ["data: {\"event\": \"message\", \"answer\": \"Hel\", \(ids)}\n\n"], holdOpen: true),
            .init(contentType: "application/json", chunks: [#"{"result": "success"}"#]),
        ])
        let provider = DifyProvider(baseURL: "http://127.0.0.1:9", apiKey: "app-x", user: "tester")
        let controller = SessionController(runner: RunStarter(provider: provider, transport: transport, stopGrace: 30))
        let id = await controller.send("hi", in: "c1")
        let run = try await withDeadline(10) { () -> RunLog? in
            for await update in controller.updates {
                if case .progressed(_, let records) = update, records.flatMap(\.events).contains(.text("Hel")) {
                    await controller.cancel(id)
                    try await waitUntil("the stop request went out") { transport.requests.count == 2 }
                    let usage = #"{"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4, "total_price": "0.0000470", "currency": "USD"}"#
                    transport.release(sending: ["data: {\"event\": \"message_end\", \"metadata\": {\"usage\": \(usage)}, \(ids)}\n\n"])
                }
                if case .ended(let run) = update { return run }
            }
            return nil
        }
        XCTAssertEqual(run?.reply.status, .cancelled, "the user stopped it, though the server ended the stream normally")
        XCTAssertEqual(run?.reply.text, "Hel")
        XCTAssertEqual(run?.reply.usage?.totalTokens, 4, "what the server sent after the stop is kept")
    }

    func testACancelThatArrivesBeforeItsRunStartsCancelsIt() async throws {
        let transport = ScriptedTransport([.init(chunks: [sse("text:never shown", "finish")])])
        let controller = controller(transport)
        await controller.cancel(RunID("early"))
        await controller.send("hi", in: "c1", runID: RunID("early"))
        let run = try await endedRuns(controller, count: 1)[0]
        XCTAssertEqual(run.reply.status, .cancelled)
        XCTAssertEqual(run.reply.text, "")
        XCTAssertTrue(transport.requests.isEmpty, "nothing is sent for a run cancelled before it started")
    }

    func testFailureMidwayKeepsTextAndIsNotSentAsHistory() async throws {
        let transport = ScriptedTransport([
            .init(chunks: [sse("text:half", "fail:overloaded")]),
            .init(chunks: [sse("text:ok", "finish")]),
        ])
        let controller = controller(transport)
        await controller.send("first", in: "c1")
        let failed = try await endedRuns(controller, count: 1)[0]
        XCTAssertEqual(failed.reply.status, .failed)
        XCTAssertEqual(failed.reply.text, "half")
        XCTAssertEqual(failed.reply.error?.message, "overloaded")
        await controller.send("second", in: "c1")
        _ = try await endedRuns(controller, count: 1)
        let body = String(decoding: transport.requests[1].body, as: UTF8.self)
        XCTAssertTrue(body.contains("first") && body.contains("second"), body)
        XCTAssertFalse(body.contains("half"), "a failed reply is not sent back as history: \(body)")
    }

    func testStreamEndingWithoutEndMarkerIsInterrupted() async throws {
        let controller = controller(ScriptedTransport([.init(chunks: [sse("text:cut")])]))
        await controller.send("hi", in: "c1")
        let run = try await endedRuns(controller, count: 1)[0]
        XCTAssertEqual(run.reply.status, .interrupted)
        XCTAssertEqual(run.reply.text, "cut")
    }

    func testTwoConversationsStreamAtOnce() async throws {
        let transport = ScriptedTransport([
            .init(chunks: [sse("text:one")], holdOpen: true, match: "\"a\""),
            .init(chunks: [sse("text:two")], holdOpen: true, match: "\"b\""),
        ])
        let controller = controller(transport)
        let first = await controller.send("a", in: "c1")
        let second = await controller.send("b", in: "c2")
        let runs = try await withDeadline(5) { () -> [RunLog] in
            var progressed: Set<String> = []
            var ended: [RunLog] = []
            var released = false
            for await update in controller.updates {
                switch update {
                case .progressed(let run, _):
                    progressed.insert(run.conversationID)
                    if progressed.count == 2, !released {
                        released = true
                        let firstActive = await controller.isActive(first)
                        let secondActive = await controller.isActive(second)
                        XCTAssertTrue(firstActive && secondActive, "both runs stream at the same time")
                        transport.release()
                    }
                case .ended(let run):
                    ended.append(run)
                default:
                    break
                }
                if ended.count == 2 { break }
            }
            return ended
        }
        XCTAssertEqual(Set(runs.map(\.conversationID)), ["c1", "c2"])
        XCTAssertEqual(runs.first { $0.conversationID == "c1" }?.reply.text, "one")
        XCTAssertEqual(runs.first { $0.conversationID == "c2" }?.reply.text, "two")
    }

    func testNextTurnContinuesTheRemoteConversation() async throws {
        let transport = ScriptedTransport([
            .init(chunks: [sse("opened:remote-7", "text:a", "finish")]),
            .init(chunks: [sse("text:b", "finish")]),
        ])
        let controller = controller(transport)
        await controller.send("one", in: "c1")
        let first = try await endedRuns(controller, count: 1)[0]
        XCTAssertEqual(first.remoteConversationID, "remote-7")
        await controller.send("two", in: "c1")
        _ = try await endedRuns(controller, count: 1)
        let body = String(decoding: transport.requests[1].body, as: UTF8.self)
        XCTAssertTrue(body.contains("\"remote\":\"remote-7\""), body)
    }

    func testRegenerateReplacesTheLastReply() async throws {
        let transport = ScriptedTransport([
            .init(chunks: [sse("text:first answer", "finish")]),
            .init(chunks: [sse("text:second answer", "finish")]),
        ])
        let controller = controller(transport)
        await controller.send("q", in: "c1")
        _ = try await endedRuns(controller, count: 1)
        let regenerated = await controller.regenerate(in: "c1")
        XCTAssertNotNil(regenerated)
        _ = try await endedRuns(controller, count: 1)
        let history = await controller.history(of: "c1").map(\.text)
        XCTAssertEqual(history, ["q", "second answer"])
        let none = await controller.regenerate(in: "empty")
        XCTAssertNil(none)
    }
}

/// Records journal calls as short lines.
actor MemoryJournal: RunJournal {
    private(set) var calls: [String] = []

    func runStarted(_ run: RunLog, prompt: Message?) {
        calls.append("started \(run.id) prompt=\(prompt?.text ?? "-")")
    }

    func runSent(_ run: RunLog, request: HTTPRequest) {
        calls.append("sent \(run.id) \(request.method) \(request.url)")
    }

    func runReceivedHead(_ run: RunLog, head: HTTPResponseHead, at time: Double) {
        calls.append("head \(run.id) \(head.status)")
    }

    func runProgressed(_ run: RunLog, records: [RawRecord]) {
        calls.append("progressed \(run.id) \(records.count)")
    }

    func runEnded(_ run: RunLog) {
        calls.append("ended \(run.id) \(run.reply.status.rawValue) \(run.reply.text)")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
