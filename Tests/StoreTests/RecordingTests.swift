import ChatModel
import Foundation
import XCTest

@testable import Store

final class RecordingTests: StoreTestCase {
    private let recording = Recording(
        runID: "run1", startedAt: Date(timeIntervalSince1970: 1_700_000_000.5),
        request: RunRequest(
            method: "POST", url: "http://127.0.0.1:8080/v1/chat/completions",
            headers: [HTTPHeader("Authorization", "Bearer sk-live"), HTTPHeader("Content-Type", "application/json")],
            body: Array(#"{"stream":true,"messages":[{"role":"user","content":"héllo"}]}"#.utf8)),
        response: ResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")], receivedAt: 0.05),
        chunks: [
            .init(t: 0.1, offset: 0, kind: .event, eventName: "message", bytes: Array("data: {\"a\":\"ü\"}\n\n".utf8)),
            .init(t: 0.1, offset: 19, kind: .keepAlive, bytes: Array(": ping\n\n".utf8)),
            .init(t: 1.35, offset: 27, kind: .tail, bytes: [0xFF, 0x00, 0x0A]),
        ])

    func testWriteThenReadGivesTheSameRecordingWithSecretsRedacted() throws {
        let path = directory.appendingPathComponent("run.jsonl").path
        try recording.jsonLines.write(toFile: path, atomically: true, encoding: .utf8)
        let lines = recording.jsonLines.split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].contains("\"format\":\"parley.recording\""))
        XCTAssertTrue(lines[1].contains("\"t\":0.1"))
        let read = try RecordingReader.read(path: path)
        var expected = recording
        expected.request.headers[0].value = "Bearer [redacted]"
        XCTAssertEqual(read, expected)
        XCTAssertEqual(read.body, recording.chunks.flatMap(\.bytes))
    }

    func testFileIsByteForByteTheDocumentedFormat() throws {
        let expected = [
            #"{"format":"parley.recording","request":{"body":"eyJzdHJlYW0iOnRydWUsIm1lc3NhZ2VzIjpbeyJyb2xlIjoidXNlciIsImNvbnRlbnQiOiJow6lsbG8ifV19","#
                + #""headers":[["Authorization","Bearer [redacted]"],["Content-Type","application/json"]],"method":"POST","#
                + #""url":"http://127.0.0.1:8080/v1/chat/completions"},"response":{"headers":[["Content-Type","text/event-stream"]],"#
                + #""status":200,"t":0.05},"run_id":"run1","started_at":1700000000.5,"version":1}"#,
            #"{"bytes":"ZGF0YTogeyJhIjoiw7wifQoK","event":"message","kind":"event","offset":0,"t":0.1}"#,
            #"{"bytes":"OiBwaW5nCgo=","kind":"keepalive","offset":19,"t":0.1}"#,
            #"{"bytes":"/wAK","kind":"tail","offset":27,"t":1.35}"#,
        ]
        XCTAssertEqual(recording.jsonLines, expected.map { $0 + "\n" }.joined())
        let whole = Recording(request: RunRequest(method: "GET", url: "u"), response: nil, chunks: [.init(t: 2, offset: 0, kind: .document, bytes: [])])
        XCTAssertEqual(
            whole.jsonLines,
            #"{"format":"parley.recording","request":{"body":"","headers":[],"method":"GET","url":"u"},"version":1}"# + "\n"
                + #"{"bytes":"","kind":"document","offset":0,"t":2}"# + "\n",
            "absent fields are left out and whole seconds have no fraction")
        XCTAssertEqual(try RecordingReader.parse(whole.jsonLines), whole)
    }

    func testStoredRunsExportAsRecordings() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "rec"))
        try store.save(Message(id: "r1", role: .assistant, createdAt: Self.t0), in: "c1")
        let records = recording.chunks.map {
            RawRecord(kind: $0.kind, offset: $0.offset, receivedAt: $0.t, bytes: $0.bytes, eventName: $0.eventName, events: [])
        }
        try store.save(
            StoredRun(id: "run1", messageID: "r1", startedAt: recording.startedAt!, request: recording.request, response: recording.response, records: records))
        let exported = try store.recordings(conversation: "c1")
        XCTAssertEqual(exported.map(\.runID), ["run1"])
        let reread = try RecordingReader.parse(exported[0].recording.jsonLines)
        XCTAssertEqual(reread.chunks, recording.chunks)
        XCTAssertEqual(reread.request.headers[0], HTTPHeader("Authorization", "Bearer [redacted]"))
    }

    func testReplayDeliversBytesAtTheirOriginalTimes() async throws {
        let clock = ManualClock()
        let wakeUps = SleepLog()
        let stream = RecordingReader.replay(recording, now: clock.function) { seconds in
            clock.advance(seconds)
            wakeUps.append(clock.now)
        }
        var delivered: [UInt8] = []
        for try await chunk in stream { delivered += chunk.bytes }
        XCTAssertEqual(delivered, recording.body)
        assertTimes(wakeUps.values, [0.1, 1.35], "no sleep for two chunks of the same instant")

        let fastWakeUps = SleepLog()
        let fast = RecordingReader.replay(recording, speed: 2, now: clock.function) { seconds in
            clock.advance(seconds)
            fastWakeUps.append(clock.now)
        }
        for try await _ in fast {}
        assertTimes(fastWakeUps.values.map { $0 - 1.35 }, [0.05, 0.675])
    }

    func testGapsLongerThanTheCapAreShortenedAndNamed() async throws {
        var recording = recording
        let times = [0.1, 1e300, 1e300 + 1, .infinity, 2]
        recording.chunks = times.enumerated().map { Recording.Chunk(t: $1, offset: $0, kind: .event, bytes: [UInt8(ascii: "a")]) }
        let pacing = ReplayPacing(times: times, speed: 1, maxGap: 60)
        XCTAssertEqual(pacing.shortened.map(\.index), [1, 3], "the huge gap and the endless one; a gap back in time is none")
        assertTimes(pacing.deadlines, [0.1, 60.1, 60.1, 120.1, 120.1])

        let clock = ManualClock()
        let wakeUps = SleepLog()
        let stream = RecordingReader.replay(recording, speed: 1000, maxGap: 60, now: clock.function) { seconds in
            clock.advance(seconds)
            wakeUps.append(clock.now)
        }
        var delivered = 0
        for try await _ in stream { delivered += 1 }
        XCTAssertEqual(delivered, times.count)
        assertTimes(wakeUps.values, [0.0001, 60.0001, 120.0001])
    }

    private func assertTimes(_ actual: [Double], _ expected: [Double], _ message: String = "", line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, message, line: line)
        for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-9, line: line) }
    }

    func testBadFilesGiveMessagesNamingTheLine() throws {
        XCTAssertThrowsError(try RecordingReader.parse("")) { XCTAssertEqual(($0 as? StoreError)?.kind, .badRecording) }
        XCTAssertThrowsError(try RecordingReader.parse("{\"format\":\"other\",\"version\":1,\"request\":{\"method\":\"GET\",\"url\":\"u\",\"headers\":[],\"body\":\"\"}}"))
        let text = recording.jsonLines + "not json\n"
        XCTAssertThrowsError(try RecordingReader.parse(text, name: "x.jsonl")) { XCTAssertTrue("\($0)".contains("x.jsonl line 5")) }
        let future = recording.jsonLines.replacingOccurrences(of: "\"version\":1", with: "\"version\":7")
        XCTAssertThrowsError(try RecordingReader.parse(future)) { XCTAssertTrue("\($0)".contains("Upgrade Parley")) }
    }
}

/// The sleeps a replay asked for.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []

    func append(_ value: Double) { lock.withLock { stored.append(value) } }

    var values: [Double] { lock.withLock { stored } }
}
