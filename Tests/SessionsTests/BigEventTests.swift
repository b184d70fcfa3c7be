import ChatModel
import Foundation
import Providers
import Sessions
import TestSupport
import Wire
import XCTest

/// One event of many megabytes, through real libcurl: it arrives whole, a consumer that falls behind holds the
/// server back, and an event over the limit ends the run with a message instead of taking all the memory.
final class BigEventTests: XCTestCase {
    /// An OpenAI stream: one content chunk of `size` letters, then `followers` small chunks, a finish and `[DONE]`.
    private static func stream(size: Int, followers: Int) -> (body: [UInt8], content: String) {
        let content = String(repeating: "abcdefghij", count: size / 10)
        var body = Array(#"data: {"choices":[{"index":0,"delta":{"content":""#.utf8)
        body += Array(content.utf8)
        body += Array(#""},"finish_reason":null}]}"#.utf8) + [10, 10]
        let small = Array(#"data: {"choices":[{"index":0,"delta":{"content":"."},"finish_reason":null}]}"#.utf8) + [10, 10]
        for _ in 0..<followers { body += small }
        body += Array(#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#.utf8) + [10, 10]
        body += Array("data: [DONE]\n\n".utf8)
        return (body, content + String(repeating: ".", count: followers))
    }

    private func runner(port: Int, limits: ResponseLimits = ResponseLimits()) -> RunStarter {
        RunStarter(
            provider: OpenAIProvider(baseURL: "http://127.0.0.1:\(port)/v1", model: "m", includeUsage: false),
            transport: CurlTransport(), options: TransportOptions(connectTimeout: 5, idleTimeout: 10, limits: limits))
    }

    private static func log(keeping limit: Int?) -> RunLog {
        RunLog(
            id: RunID("big"), conversationID: "c", reply: Message(id: "r", role: .assistant, status: .streaming),
            recordLimit: limit)
    }

    private let turn = TurnRequest(messages: [ChatMessage(role: .user, content: "big")])

    func testABigEventArrivesWholeAndASlowConsumerHoldsTheServerBack() async throws {
        let (body, content) = Self.stream(size: 12 << 20, followers: 200_000)
        let server = try BulkBodyServer(body: body, contentType: "text/event-stream")
        defer { server.stop() }
        let prepared = runner(port: server.port).prepare(turn)
        let log = Locked(Self.log(keeping: 0))
        let heldBack = Locked(false)
        await prepared.run { update in
            guard case .records(let records) = update else { return }
            var folded = log.get()
            folded.append(contentsOf: records)
            log.set(folded)
            guard !heldBack.get(), records.contains(where: { $0.bytes.count > 1 << 20 }) else { return }
            // The consumer falls behind right after the big event: the transfer must stop reading.
            var last = -1
            var unchanged = 0
            try? await waitUntil("the server is held back while the big event is being handled", timeout: 20) {
                let written = server.written
                unchanged = written == last ? unchanged + 1 : 0
                last = written
                return unchanged >= 20
            }
            XCTAssertLessThan(server.written, body.count, "the rest of the stream was read although nobody took it")
            heldBack.set(true)
        }
        XCTAssertTrue(heldBack.get(), "the big event arrived as one record")
        let reply = log.get().reply
        XCTAssertEqual(reply.status, .complete, "\(String(describing: reply.error))")
        XCTAssertEqual(reply.text.utf8.count, content.utf8.count)
        XCTAssertTrue(reply.text == content, "every byte of the big event and those after it arrive, in order")
    }

    func testAnEventOverTheLimitEndsTheRunAndKeepsWhatCameBefore() async throws {
        var (body, _) = Self.stream(size: 3 << 20, followers: 200_000)
        body = Array(#"data: {"choices":[{"index":0,"delta":{"content":"before"},"finish_reason":null}]}"#.utf8) + [10, 10] + body
        let server = try BulkBodyServer(body: body, contentType: "text/event-stream")
        defer { server.stop() }
        let prepared = runner(port: server.port, limits: ResponseLimits(maxEventBytes: 1 << 20)).prepare(turn)
        let log = Locked(Self.log(keeping: nil))
        await prepared.run { update in
            guard case .records(let records) = update else { return }
            var folded = log.get()
            folded.append(contentsOf: records)
            log.set(folded)
        }
        let run = log.get()
        XCTAssertEqual(run.reply.text, "before", "what came before the big event is kept")
        XCTAssertEqual(run.reply.status, .failed)
        let error = try XCTUnwrap(run.reply.error)
        XCTAssertEqual(error.kind, .limit)
        XCTAssertEqual(error.code, "max_event_size")
        XCTAssertTrue(error.message.contains("larger than 1 MiB"), error.message)
        XCTAssertTrue(error.message.contains("--max-event-size"), error.message)
        XCTAssertTrue(error.message.contains("127.0.0.1:\(server.port)"), error.message)
        let last = try XCTUnwrap(run.records.last)
        XCTAssertEqual(last.kind, .tail)
        XCTAssertEqual(last.bytes.count, 4096, "the start of the refused event is kept for the inspector, not all of it")
        XCTAssertTrue(last.text.hasPrefix(#"data: {"choices""#), last.text)
        XCTAssertLessThan(server.written, body.count, "the call was dropped instead of reading the rest")
    }
}
