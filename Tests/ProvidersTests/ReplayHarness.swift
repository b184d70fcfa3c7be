import ChatModel
import Providers
import TestSupport
import Wire
import XCTest

/// Feeds response bytes through `ResponseReader` the way a transport would, in any chunking.
///
/// `events(…)` checks that the bytes give the same records' events whether they arrive whole, split at any
/// single offset, or one byte at a time, and that the raw records keep every byte; it returns the events.
enum ReplayHarness {
    static let eventStream = HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", "text/event-stream")])

    static func json(status: Int = 200) -> HTTPResponseHead {
        HTTPResponseHead(status: status, headers: [HTTPHeader("Content-Type", "application/json")])
    }

    /// The records for one response delivered in the given chunks.
    static func records(_ decoder: any StreamDecoder, head: HTTPResponseHead, chunks: [ArraySlice<UInt8>]) -> [RawRecord] {
        var reader = ResponseReader(decoder: decoder)
        reader.begin(head)
        var records: [RawRecord] = []
        for (i, chunk) in chunks.enumerated() { records += reader.feed(Array(chunk), at: Double(i)) }
        return records + reader.finish(at: Double(chunks.count))
    }

    static func events(
        _ make: () -> any StreamDecoder, head: HTTPResponseHead = eventStream, bytes: [UInt8],
        file: StaticString = #filePath, line: UInt = #line
    ) -> [StreamEvent] {
        let whole = records(make(), head: head, chunks: [bytes[...]])
        let expected = whole.flatMap(\.events)
        XCTAssertEqual(whole.flatMap(\.bytes), bytes, "raw records must keep every byte", file: file, line: line)
        for offset in 0...bytes.count {
            let split = records(make(), head: head, chunks: [bytes[..<offset], bytes[offset...]]).flatMap(\.events)
            if split != expected {
                XCTFail("events differ when split at byte \(offset)", file: file, line: line)
                break
            }
        }
        let bytewise = records(make(), head: head, chunks: bytes.indices.map { bytes[$0...$0] }).flatMap(\.events)
        XCTAssertEqual(bytewise, expected, "events differ when fed one byte at a time", file: file, line: line)
        return expected
    }

    /// Events for a fixture file, split-tested.
    static func events(
        _ make: () -> any StreamDecoder, fixture: String, head: HTTPResponseHead = eventStream,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> [StreamEvent] {
        events(make, head: head, bytes: try Fixtures.bytes(fixture), file: file, line: line)
    }

    /// Events for a `.http` fixture (status line, headers, blank line, body), split-tested.
    static func events(
        _ make: () -> any StreamDecoder, httpFixture: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> [StreamEvent] {
        let (head, body) = try httpResponse(httpFixture)
        return events(make, head: head, bytes: body, file: file, line: line)
    }

    /// Splits a `.http` fixture into its head and body; header lines may end in LF or CRLF.
    static func httpResponse(_ fixture: String) throws -> (HTTPResponseHead, [UInt8]) {
        let bytes = try Fixtures.bytes(fixture)
        var lines: [String] = []
        var index = 0
        var start = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var line = String(decoding: bytes[start..<index], as: UTF8.self)
                if line.hasSuffix("\r") { line.removeLast() }
                start = index + 1
                if line.isEmpty { break }
                lines.append(line)
            }
            index += 1
        }
        let status = Int(lines.first?.split(separator: " ")[1] ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> HTTPHeader? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HTTPHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (HTTPResponseHead(status: status, headers: headers), Array(bytes[start...]))
    }

    /// The concatenated text of all `text` events.
    static func text(_ events: [StreamEvent]) -> String {
        events.reduce(into: "") { if case .text(let piece) = $1 { $0 += piece } }
    }

    static func reasoning(_ events: [StreamEvent]) -> String {
        events.reduce(into: "") { if case .reasoning(let piece) = $1 { $0 += piece } }
    }

    static func steps(_ events: [StreamEvent]) -> [Step] {
        events.compactMap { if case .step(let step) = $0 { return step } else { return nil } }
    }

    /// Each step as it stands after the last update, in first-seen order.
    static func finalSteps(_ events: [StreamEvent]) -> [Step] {
        var message = Message(id: "m", role: .assistant, status: .streaming)
        for event in events { message.apply(event) }
        return message.steps
    }

    static func body(_ request: HTTPRequest) -> NSDictionary? {
        (try? JSONSerialization.jsonObject(with: Data(request.body))) as? NSDictionary
    }
}
