import ChatModel
import Providers
import Wire
import XCTest

/// HTTP errors say what the server said, where it came from, and when to try again.
final class HTTPErrorTests: XCTestCase {
    private func failure(status: Int, headers: [HTTPHeader] = [], body: String, decoder: any StreamDecoder = OpenAIDecoder()) -> ProviderError? {
        var reader = ResponseReader(decoder: decoder, endpoint: "127.0.0.1:9")
        reader.begin(HTTPResponseHead(status: status, headers: [HTTPHeader("Content-Type", "text/html")] + headers))
        _ = reader.feed(Array(body.utf8), at: 0.1)
        for case .failed(let error) in reader.finish(at: 0.2).flatMap(\.events) { return error }
        return nil
    }

    func testRateLimitNamesTheHostAndWhenToRetry() throws {
        let error = try XCTUnwrap(failure(
            status: 429, headers: [HTTPHeader("Retry-After", "30")], body: #"{"error": {"message": "Slow down", "code": "rate_limited"}}"#))
        XCTAssertEqual(error.message, "Slow down", "the server's own words")
        XCTAssertEqual(error.description, "HTTP 429 (rate_limited): Slow down (from 127.0.0.1:9); the server asks to retry after 30 s")
    }

    func testAnHTMLErrorPageBecomesItsTitle() throws {
        let page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
        let error = try XCTUnwrap(failure(status: 502, body: page))
        XCTAssertEqual(error.message, "502 Bad Gateway (an HTML error page, likely from a proxy or the web server in front of the API)")
        XCTAssertFalse(error.description.contains("<"), "no markup: \(error.description)")
    }

    func testDifyNamesTheParameterItRejected() {
        let error = DifyErrors.httpError(
            status: 400, body: Array(#"{"code": "invalid_param", "message": "Required", "params": "query", "status": 400}"#.utf8))
        XCTAssertEqual(error.message, "Dify rejected a parameter: Required (parameter: query)")
    }
}
