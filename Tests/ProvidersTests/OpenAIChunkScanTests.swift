import ChatModel
@testable import Providers
import TestSupport
import Wire
import XCTest

/// The OpenAI decoder reads a chunk straight from its bytes; it must give exactly the events the tree reading
/// gave, for any bytes a server may send.
final class OpenAIChunkScanTests: XCTestCase {
    /// The decoder as it read every chunk before: a tree of the chunk's members, repaired text as a fallback.
    private struct TreeDecoder {
        var decoder: OpenAIDecoder

        mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
            if let chunk = JSONObject(event: event, keeping: OpenAIDecoder.chunkKeys) { return decoder.decode(chunk: chunk) }
            let data = event.data.trimmingTrailingWhitespace
            return data == "[DONE]" ? decoder.done() : [OpenAIDecoder.notJSON(data)]
        }
    }

    private func events(_ data: String, lenient: Bool = false) -> [StreamEvent] {
        var decoder = OpenAIDecoder(lenientChoiceIndex: lenient)
        return decoder.decode(SSEEvent(data: data))
    }

    /// Many generated streams, each decoded both ways, event for event, including what `finish` owes.
    func testAgreesWithTheTreeOnGeneratedStreams() {
        var scanned = 0
        var chunks = 0
        for seed in UInt64(0)..<3000 {
            var generator = ChunkGenerator(seed: seed)
            let lenient = seed % 3 == 0
            var fast = OpenAIDecoder(lenientChoiceIndex: lenient)
            var tree = TreeDecoder(decoder: OpenAIDecoder(lenientChoiceIndex: lenient))
            for _ in 0..<6 {
                let data = generator.chunk()
                let event = SSEEvent(dataBytes: data[...])
                let expected = tree.decode(event)
                let got = fast.decode(event)
                chunks += 1
                if data.withUnsafeBufferPointer({ OpenAIChunk(scanning: $0, lenientChoiceIndex: lenient) }) != nil { scanned += 1 }
                guard got == expected else {
                    return XCTFail("seed \(seed): \(String(decoding: data, as: UTF8.self).debugDescription)\nfast: \(got)\ntree: \(expected)")
                }
            }
            XCTAssertEqual(fast.finish(), tree.decoder.finish(), "seed \(seed)")
        }
        XCTAssertGreaterThan(scanned, chunks / 2, "most generated chunks take the byte path")
        XCTAssertLessThan(scanned, chunks, "some generated chunks need the tree")
    }

    /// Helix and PAIS read the same chunks with extras (the session in `id` or `session_id`, PAIS's context):
    /// from bytes or as a tree, the same events.
    func testHelixAndPAISAgreeWithTheTreeOnGeneratedStreams() {
        for seed in UInt64(0)..<1500 {
            var generator = ChunkGenerator(seed: seed &+ 77)
            var helix = HelixDecoder()
            var helixTree = HelixDecoder()
            helixTree.readsBytes = false
            var pais = PAISDecoder()
            var paisTree = PAISDecoder()
            paisTree.readsBytes = false
            for _ in 0..<6 {
                let data = generator.chunk()
                let event = SSEEvent(dataBytes: data[...])
                let text = String(decoding: data, as: UTF8.self).debugDescription
                XCTAssertEqual(helix.decode(event), helixTree.decode(event), "Helix, seed \(seed): \(text)")
                XCTAssertEqual(pais.decode(event), paisTree.decode(event), "PAIS, seed \(seed): \(text)")
            }
            XCTAssertEqual(helix.finish(), helixTree.finish(), "seed \(seed)")
            XCTAssertEqual(pais.finish(), paisTree.finish(), "seed \(seed)")
        }
    }

    /// Dify text events read from their bytes give what the tree reading gave, whatever the events around them.
    func testDifyAgreesWithTheTreeOnGeneratedStreams() {
        for seed in UInt64(0)..<1500 {
            var generator = ChunkGenerator(seed: seed &+ 5)
            var dify = DifyDecoder()
            var tree = DifyDecoder()
            tree.readsBytes = false
            for _ in 0..<6 {
                let data = generator.difyEvent()
                let type = seed % 7 == 0 ? "agent_message" : "message"
                let event = SSEEvent(type: type, dataBytes: data[...])
                XCTAssertEqual(dify.decode(event), tree.decode(event), "seed \(seed): \(String(decoding: data, as: UTF8.self).debugDescription)")
            }
            XCTAssertEqual(dify.finish(), tree.finish(), "seed \(seed)")
        }
    }

    /// A chunk read from its bytes is one the JSON reader accepts as it is: bytes that only read once repaired
    /// as text (invalid UTF-8) are left to the tree, which repairs them.
    func testReadsOnlyWhatTheReaderAcceptsAsBytes() {
        for seed in UInt64(0)..<2000 {
            var generator = ChunkGenerator(seed: seed &* 7919)
            let data = generator.chunk()
            data.withUnsafeBufferPointer { buffer in
                guard OpenAIChunk(scanning: buffer, lenientChoiceIndex: false) != nil else { return }
                guard case .success(let value) = JSONReader.parse(buffer: buffer), value.objectMembers != nil else {
                    return XCTFail("read from bytes the reader rejects: \(String(decoding: data, as: UTF8.self).debugDescription)")
                }
            }
        }
    }

    func testHostileChunks() {
        let head = #"{"id":"c","object":"chat.completion.chunk","#
        let cases: [(String, [StreamEvent])] = [
            (head + #""choices":[{"index":0,"delta":{"content":"a","content":"b"},"finish_reason":null}]}"#, [.text("b")]),
            (head + #""choices":[{"index":0,"delta":{"content":42},"finish_reason":null}]}"#, [.text("42")]),
            (head + #""choices":[{"index":0,"delta":{"content":{"text":"x"}},"finish_reason":null}]}"#, []),
            (head + #""choices":[{"index":0,"delta":{"\u0063ontent":"escaped key"}}]}"#, [.text("escaped key")]),
            (head + #""choices":[{"index":0,"delta":{"content":"\ud83d\ude00 \"q\" \\ \u00e9\n"}}]}"#, [.text("😀 \"q\" \\ é\n")]),
            (head + #""choices":[{"index":0,"delta":{"content":"Tórshavn ✓"}}]}"#, [.text("Tórshavn ✓")]),
            (head + #""choices":[{"index":0,"delta":{"reasoning_content":"","reasoning":"r","content":"c"}}]}"#, [.text("c")]),
            (head + #""choices":[{"index":0,"delta":{"reasoning":"r","refusal":"no"}}]}"#, [.reasoning("r"), .text("no")]),
            (head + #""choices":[{"index":"1","delta":{"content":"one"}},{"index":0.4,"delta":{"content":"zero"}}]}"#, [.text("zero")]),
            (head + #""choices":[{"index":1,"delta":{"content":"one"}}]}"#, []),
            (head + #""choices":[7,{"delta":{"content":"no index"}}]}"#, [.text("no index")]),
            (head + #""choices":[{"index":0,"delta":{"content":"first"}}],"choices":null}"#, []),
            (head + #""choices":[{"index":0,"delta":{"content":"a"},"delta":null}]}"#, []),
            (head + #""choices":[{"index":0,"delta":{},"finish_reason":""}]}"#, []),
            (head + #""choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"#, []),
            (head + #""x":{"a":[{"b":[[[{"content":"deep"}]]]}]},"choices":[{"delta":{"content":"ok"}}],}"#, [.text("ok")]),
            (head + #""choices":[],"usage":{"prompt_tokens":"8","completion_tokens":1.9,"total_tokens":null}}"#,
             [.usage(Usage(promptTokens: 8, completionTokens: 1, totalTokens: nil))]),
            (head + #""choices":[{"delta":{"content":"x"}}],"error":{"message":"boom","code":"e1"}}"#,
             [.failed(ProviderError(kind: .stream, code: "e1", message: "boom"))]),
            (head + #""choices":[{"delta":{"content":"x"}}],"error":null}"#, [.text("x")]),
        ]
        for (data, expected) in cases {
            XCTAssertEqual(events(data), expected, data)
        }
    }

    /// Broken bytes: what the tree reading made of them, whichever way it got there.
    func testBrokenChunksReadAsBefore() throws {
        let valid = Array(#"{"choices":[{"index":0,"delta":{"content":"ok"}}],"model":"m"}"#.utf8)
        var invalidUTF8InAnUnknownMember = valid
        invalidUTF8InAnUnknownMember.insert(0xFF, at: valid.count - 3)
        XCTAssertEqual(decode(invalidUTF8InAnUnknownMember), [.text("ok")], "repaired as text, as before")
        var invalidUTF8InTheText = valid
        invalidUTF8InTheText.insert(0xC3, at: 44)
        XCTAssertEqual(decode(invalidUTF8InTheText), [.text("o\u{FFFD}k")])
        XCTAssertEqual(decode(Array(valid.dropLast(2))).count, 1)
        guard case .failed(let error)? = decode(Array(valid.dropLast(2))).first else { return XCTFail("a cut chunk fails") }
        XCTAssertEqual(error.kind, .decoding)
        guard case .failed? = decode(Array(#"{"choices":[{"delta":{"content":"\ud83d"}}]}"#.utf8)).first else {
            return XCTFail("a lone surrogate is invalid JSON")
        }
        XCTAssertEqual(decode(Array("[DONE]".utf8)), [.finished(reason: "stop")])
        XCTAssertEqual(decode(Array("[DONE] \n".utf8)), [.finished(reason: "stop")])
    }

    private func decode(_ bytes: [UInt8]) -> [StreamEvent] {
        let event = SSEEvent(dataBytes: bytes[...])
        var tree = TreeDecoder(decoder: OpenAIDecoder())
        var fast = OpenAIDecoder()
        let events = fast.decode(event)
        XCTAssertEqual(events, tree.decode(event), String(decoding: bytes, as: UTF8.self))
        return events
    }

    /// Tool-call fragments read from bytes are assembled as before.
    func testToolCallsFromBytes() throws {
        let events = try ReplayHarness.events({ OpenAIDecoder() }, fixture: "openai/O1-tool-call.sse")
        XCTAssertEqual(ReplayHarness.finalSteps(events).map(\.input), [#"{"city": "Tórshavn"}"#])
        let legacy = self.events(#"{"choices":[{"index":0,"delta":{"function_call":{"name":"f","arguments":"{}"}}}]}"#)
        XCTAssertEqual(legacy.first, .toolCallDelta(ToolCallDelta(index: 0, name: "f", argumentsFragment: "{}")))
    }
}
