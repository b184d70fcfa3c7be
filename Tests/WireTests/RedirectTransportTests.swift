import ChatModel
import FixtureServer
import Foundation
import TestSupport
import Wire
import XCTest

/// CurlTransport follows a redirect only within the request's origin, and its messages never show a URL's
/// query or user info.
final class RedirectTransportTests: XCTestCase {
    private let transport = CurlTransport()

    private func server(redirectingTo location: String) async throws -> (FixtureServer, String) {
        let scenario = try Scenario(
            json: JSONReader.parse(Array("""
                {"name": "moved", "route": {"method": "GET", "path": "/moved"}, "status": 302,
                 "headers": {"Location": "\(location)"}, "events": [{"body": "moved"}]}
                """.utf8)), source: "test")
        return try await RunningFixtureServer.start(library: ScenarioLibrary(scenarios: [scenario]))
    }

    func testARedirectToAnotherPortEndsTheCallWithBothOrigins() async throws {
        let (other, otherBase) = try await RunningFixtureServer.start()
        let (first, firstBase) = try await server(redirectingTo: otherBase + "/v1/models")
        let request = HTTPRequest(
            method: "GET", url: firstBase + "/moved", headers: [HTTPHeader("X-Bird-Key", "bird-secret")],
            credentials: CredentialFields(headers: ["X-Bird-Key"]))
        let response = await CollectedResponse.collect(transport.start(request, options: TransportOptions()))
        XCTAssertEqual(response.failure?.kind, .redirect)
        let message = response.failure?.message ?? ""
        XCTAssertTrue(message.contains(firstBase) && message.contains(otherBase), message)
        XCTAssertEqual(other.receivedRequests.count, 0)
        XCTAssertEqual(first.receivedRequests.first?.header("X-Bird-Key"), "bird-secret")
        await first.stop()
        await other.stop()
    }

    func testAnInvalidURLsMessageLeavesOutItsQueryAndUserInfo() async throws {
        let request = HTTPRequest(method: "GET", url: "http://user:pw-secret@bad host/v1?key=q-secret")
        let response = await CollectedResponse.collect(transport.start(request, options: TransportOptions()))
        XCTAssertEqual(response.failure?.kind, .invalidRequest)
        let message = response.failure?.message ?? ""
        XCTAssertFalse(message.contains("secret"), message)
        XCTAssertTrue(message.contains("bad host/v1"), message)
    }
}
