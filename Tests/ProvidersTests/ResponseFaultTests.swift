import ChatModel
import Providers
import Wire
import XCTest

/// What a reader makes of replies a server breaks: each failure says where it came from and what to check,
/// and keeps what arrived.
final class ResponseFaultTests: XCTestCase {
    private let endpoint = "127.0.0.1:8099"

    private func read(
        _ decoder: any StreamDecoder, contentType: String, body: [UInt8], error: TransportError? = nil
    ) -> [RawRecord] {
        var reader = ResponseReader(decoder: decoder, endpoint: endpoint)
        reader.begin(HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", contentType)]))
        return reader.feed(body, at: 0.1) + reader.finish(at: 0.2, error: error)
    }

    private func failures(_ records: [RawRecord]) -> [ProviderError] {
        records.flatMap(\.events).compactMap { if case .failed(let error) = $0 { error } else { nil } }
    }

    func testAnEventThatIsNotJSONNamesTheServerAndWhatToCheck() throws {
        let body = Array("data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"Hel\"\n\n".utf8)
        let failure = try XCTUnwrap(failures(read(OpenAIDecoder(), contentType: "text/event-stream", body: body)).first)
        XCTAssertEqual(failure.kind, .decoding)
        XCTAssertEqual(failure.endpoint, endpoint)
        XCTAssertTrue("\(failure)".contains("(from 127.0.0.1:8099)"), "\(failure)")
        XCTAssertTrue("\(failure)".contains("Check that the base URL and the provider kind fit this server"), "\(failure)")
    }

    /// A reset that cuts a JSON document short is reported as the reset, and the bytes that came are kept.
    func testADocumentCutByAResetSaysResetAndKeepsTheBytes() throws {
        let body = Array(#"{"message":"The answer is"#.utf8)
        let records = read(
            HummingbirdDecoder(), contentType: "application/json", body: body,
            error: TransportError(kind: .reset, message: "The connection to 127.0.0.1:8099 was reset."))
        XCTAssertEqual(failures(records).map(\.kind), [.interrupted])
        XCTAssertEqual(failures(records).first?.message, "The connection to 127.0.0.1:8099 was reset.")
        XCTAssertEqual(records.last?.bytes, body, "what arrived is kept")
    }

    /// A whole document that a reset ended (no length announced) still reads.
    func testAWholeDocumentBeforeAResetStillReads() {
        let body = Array(#"{"message":"Hello"}"#.utf8)
        let records = read(
            HummingbirdDecoder(), contentType: "application/json", body: body,
            error: TransportError(kind: .reset, message: "reset"))
        XCTAssertEqual(records.flatMap(\.events).compactMap { if case .text(let t) = $0 { t } else { nil } }, ["Hello"])
        XCTAssertTrue(failures(records).isEmpty)
    }

    /// One bad byte in a document reads as U+FFFD, as it does in a stream, instead of losing the reply.
    func testInvalidUTF8InADocumentReadsAsReplacement() {
        let body = Array(#"{"message":"#.utf8) + [0x22, 0xFF] + Array(#"bad"}"#.utf8)
        let records = read(HummingbirdDecoder(), contentType: "application/json", body: body)
        XCTAssertEqual(records.flatMap(\.events).compactMap { if case .text(let t) = $0 { t } else { nil } }, ["\u{FFFD}bad"])
        XCTAssertTrue(failures(records).isEmpty)
    }
}
