import ChatModel
import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `raw_base64` sends bytes no JSON string can hold, such as invalid UTF-8, exactly as given.
final class RawBytesScenarioTests: XCTestCase {
    func testRawBase64BytesGoOutExactly() async throws {
        let bytes: [UInt8] = Array("data: {\"a\":\"".utf8) + [0xFF, 0xC3] + Array("\"}\n\n".utf8)
        let scenario = try Scenario(json: JSONReader.parse(Array(#"""
            {"name": "bad-bytes", "route": {"method": "POST", "path": "/v1/chat/completions"},
             "events": [{"raw_base64": "\#(Data(bytes).base64EncodedString())"}, {"delay_ms": 100, "reset": true}]}
            """#.utf8)), source: "bad-bytes.json")
        let (server, _) = try await RunningFixtureServer.start(library: ScenarioLibrary(scenarios: [scenario]))
        let port = try XCTUnwrap(server.port)
        let result = try RawSocketClient.exchange(
            port: port,
            request: "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}")
        await server.stop()
        XCTAssertNotNil(result.bytes.firstRange(of: bytes), String(decoding: result.bytes, as: UTF8.self))
    }

    func testRawBase64ThatIsNotBase64IsRefusedWithTheReason() throws {
        let json = try JSONReader.parse(Array(#"""
            {"name": "x", "route": {"method": "POST", "path": "/v1/x"}, "events": [{"raw_base64": "not base64!"}]}
            """#.utf8))
        XCTAssertThrowsError(try Scenario(json: json, source: "x.json")) { error in
            XCTAssertEqual("\(error)", #"x.json: event 1: "raw_base64" is not base64"#)
        }
    }
}
