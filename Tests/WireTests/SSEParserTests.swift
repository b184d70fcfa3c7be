import TestSupport
import Wire
import XCTest

/// The WHATWG event-stream rules, vector by vector (protocols.md section 1), and chunking independence.
final class SSEParserTests: XCTestCase {
    private func events(_ chunks: [String]) -> [SSEEvent] {
        events(chunks.map { Array($0.utf8) })
    }

    private func events(_ chunks: [[UInt8]]) -> [SSEEvent] {
        frames(chunks).compactMap {
            if case .event(let event) = $0.kind { return event }
            return nil
        }
    }

    private func frames(_ chunks: [[UInt8]]) -> [SSEFrame] {
        var parser = SSEParser()
        var frames: [SSEFrame] = []
        for chunk in chunks { frames += parser.feed(chunk) }
        return frames + parser.finish()
    }

    func testSimpleEvent() {
        XCTAssertEqual(events(["data: a\n\n"]), [SSEEvent(data: "a")])
    }

    func testCRLFAndMultiLineData() {
        XCTAssertEqual(events(["data:a\r\ndata: b\r\n\r\n"]), [SSEEvent(data: "a\nb")])
    }

    func testLoneCRLineEnds() {
        XCTAssertEqual(events(["data: a\rdata: b\r\r"]), [SSEEvent(data: "a\nb")])
    }

    func testCRLFSplitAcrossReadsCountsOnce() {
        XCTAssertEqual(events(["data: a\r", "\n\n"]), [SSEEvent(data: "a")])
        XCTAssertEqual(events(["data: a\r", "\ndata: b\r\n\r\n"]), [SSEEvent(data: "a\nb")])
    }

    func testLeadingBOMIsDropped() {
        XCTAssertEqual(events([[0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8)]), [SSEEvent(data: "x")])
        XCTAssertEqual(events([[0xEF], [0xBB], [0xBF] + Array("data: x\n\n".utf8)]), [SSEEvent(data: "x")])
    }

    func testBOMIsOnlyDroppedAtTheStart() {
        let bytes = Array("data: a\n\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("data: b\n\n".utf8)
        XCTAssertEqual(events([bytes]).map(\.data), ["a"], "a BOM later makes the field name unknown")
    }

    func testCommentIsAKeepAliveNotAnEvent() {
        let result = frames([Array(": keep-alive\n\n".utf8)])
        XCTAssertEqual(result.map(\.kind), [.keepAlive])
        XCTAssertEqual(result.first?.bytes, Array(": keep-alive\n\n".utf8))
    }

    func testDataLessBlockIsAKeepAlive() {
        XCTAssertEqual(frames([Array("event: ping\n\n".utf8)]).map(\.kind), [.keepAlive])
        XCTAssertEqual(events(["event: ping\n\n"]), [])
    }

    func testBareDataFieldDispatchesEmptyString() {
        XCTAssertEqual(events(["data\n\n"]), [SSEEvent(data: "")])
    }

    func testOnlyOneLeadingSpaceIsStripped() {
        XCTAssertEqual(events(["data:  two\n\n"]), [SSEEvent(data: " two")])
    }

    func testEventTypeAppliesToOneEventOnly() {
        XCTAssertEqual(
            events(["event: foo\ndata: 1\n\ndata: 2\n\n"]),
            [SSEEvent(type: "foo", data: "1"), SSEEvent(type: "message", data: "2")])
    }

    func testLastEventIDPersists() {
        XCTAssertEqual(
            events(["id: 7\ndata: a\n\ndata: b\n\n"]),
            [SSEEvent(data: "a", lastEventID: "7"), SSEEvent(data: "b", lastEventID: "7")])
    }

    func testIDWithNULIsIgnored() {
        XCTAssertEqual(events(["id: 1\ndata: a\n\nid: 2\u{0}\ndata: b\n\n"]).map(\.lastEventID), ["1", "1"])
    }

    func testMultiByteCharacterSplitAcrossReads() {
        let bytes = Array("data: {\"a\":\"é\"}\n\n".utf8)
        let split = bytes.firstIndex(of: 0xC3)! + 1
        XCTAssertEqual(events([Array(bytes[..<split]), Array(bytes[split...])]), [SSEEvent(data: "{\"a\":\"é\"}")])
    }

    func testInvalidUTF8BecomesReplacementCharacter() {
        XCTAssertEqual(events([Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8)]), [SSEEvent(data: "a\u{FFFD}b")])
    }

    func testDataBytesAreKeptAsReceived() throws {
        let raw = Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8)
        let event = try XCTUnwrap(events([raw]).first)
        XCTAssertEqual(Array(event.dataBytes), Array("a".utf8) + [0xFF] + Array("b".utf8))
        XCTAssertEqual(event.data, "a\u{FFFD}b")
        XCTAssertEqual(event, SSEEvent(data: "a\u{FFFD}b"), "events compare by their text")
    }

    func testMultiLineDataBytesAreJoinedWithLF() throws {
        for chunks in [["data: a\r\ndata:b\r\ndata\r\n\r\n"], ["data: a\r", "\ndata:b\r\nda", "ta\r\n\r\n"]] {
            let event = try XCTUnwrap(events(chunks).first)
            XCTAssertEqual(Array(event.dataBytes), Array("a\nb\n".utf8), "\(chunks)")
        }
    }

    func testOneLineDataIsTheFramesBytesAtItsPlace() throws {
        let reads = ["\u{FEFF}: hi\n\nevent: x\nda", "ta: {\"k\": 1}\n", "\n"].map { Array($0.utf8) }
        let result = frames(reads)
        guard case .event(let event)? = result.last?.kind else { return XCTFail("no event") }
        XCTAssertEqual(String(decoding: event.dataBytes, as: UTF8.self), #"{"k": 1}"#)
        XCTAssertEqual(result.last?.bytes, Array("event: x\ndata: {\"k\": 1}\n\n".utf8))
    }

    func testUnterminatedEventIsDiscardedButItsBytesKept() {
        let result = frames([Array("data: tail-without-blank-line".utf8)])
        XCTAssertEqual(result.map(\.kind), [.tail])
        XCTAssertEqual(result.first?.bytes, Array("data: tail-without-blank-line".utf8))
    }

    func testSpaceBeforeColonMakesAnUnknownField() {
        XCTAssertEqual(events(["data : x\n\n"]), [])
    }

    func testRetryTakesOnlyDigits() {
        var parser = SSEParser()
        _ = parser.feed(Array("retry: 3000\n\nretry: 12x\n\n".utf8))
        XCTAssertEqual(parser.retry, 3000)
    }

    func testRetryTooLargeForAnIntIsDropped() {
        var parser = SSEParser()
        _ = parser.feed(Array("retry: 3000\n\nretry: 99999999999999999999999\n\n".utf8))
        XCTAssertNil(parser.retry)
    }

    /// In any chunking, each frame's bytes are the stream's bytes at its offset, and frames follow each other.
    func testFramesInSmallReadsAreSlicesOfTheStream() throws {
        var files = try Fixtures.files(in: "sse", extensions: ["body"])
        files += try Fixtures.files(in: "dify", extensions: ["sse"])
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            for size in [1, 2, 7, 64] {
                let reads = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
                var offset = 0
                for frame in frames(reads) {
                    XCTAssertEqual(frame.offset, offset, "\(file.lastPathComponent) in \(size)-byte reads")
                    XCTAssertEqual(frame.bytes[...], bytes[frame.offset..<frame.offset + frame.bytes.count])
                    offset += frame.bytes.count
                }
            }
        }
    }

    func testFramesCoverEveryByteWithTheirOffsets() throws {
        let body = try Fixtures.bytes("sse/sse-starlette-crlf.body")
        let result = frames([body])
        XCTAssertEqual(result.flatMap(\.bytes), body, "no byte is lost or duplicated")
        var offset = 0
        for frame in result {
            XCTAssertEqual(frame.offset, offset)
            offset += frame.bytes.count
        }
    }

    func testSSEStarletteCaptureWithCRLF() throws {
        let body = try Fixtures.bytes("sse/sse-starlette-crlf.body")
        XCTAssertEqual(frames([body]).map(\.kind), [
            .keepAlive,
            .event(SSEEvent(type: "message", data: "first", lastEventID: "1")),
            .event(SSEEvent(type: "multi", data: "line one\nline two", lastEventID: "2")),
            .event(SSEEvent(type: "json", data: "{\"text\": \"h\\u00e9llo \\u2713\"}", lastEventID: "2")),
            .keepAlive,
            .event(SSEEvent(type: "message", data: "[DONE]", lastEventID: "2")),
        ])
    }

    /// Every capture gives the same frames whatever the chunking, including every two-way split.
    func testEveryCaptureSplitAtEveryOffset() throws {
        var files = try Fixtures.files(in: "openai", extensions: ["sse"])
        files += try Fixtures.files(in: "dify", extensions: ["sse"])
        files += try Fixtures.files(in: "sse", extensions: ["body"])
        XCTAssertGreaterThanOrEqual(files.count, 7)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let whole = frames([bytes]).map(\.kind)
            XCTAssertFalse(whole.isEmpty, file.lastPathComponent)
            for split in 0...bytes.count {
                let parts = frames([Array(bytes[..<split]), Array(bytes[split...])]).map(\.kind)
                XCTAssertEqual(parts, whole, "\(file.lastPathComponent) split at \(split)")
                if parts != whole { break }
            }
            let oneByOne = frames(bytes.map { [$0] }).map(\.kind)
            XCTAssertEqual(oneByOne, whole, "\(file.lastPathComponent) fed one byte at a time")
        }
    }
}
