import ChatModel
import Store
import XCTest

/// What a provider declares as a credential is hidden wherever the request is kept, whatever its name.
final class RedactionTests: XCTestCase {
    func testDeclaredHeadersQueryParametersAndBodyFieldsAreRedacted() {
        let request = RunRequest(
            method: "POST", url: "https://api.example.com/v1/chat?sig=abc123&page=2&key%2Did=k9",
            headers: [HTTPHeader("X-Bird-Key", "bird-secret"), HTTPHeader("Accept", "application/json")],
            body: Array(#"{"query":"hi","auth":{"token":"tok-secret","kind":"x"}}"#.utf8),
            credentials: CredentialFields(headers: ["x-bird-key"], queryParameters: ["sig", "key-id"], bodyFields: ["auth.token"]))
        let redacted = request.redacted()
        XCTAssertEqual(redacted.headers, [HTTPHeader("X-Bird-Key", "[redacted]"), HTTPHeader("Accept", "application/json")])
        XCTAssertEqual(redacted.url, "https://api.example.com/v1/chat?sig=[redacted]&page=2&key%2Did=[redacted]")
        XCTAssertEqual(
            String(decoding: redacted.body, as: UTF8.self), #"{"query":"hi","auth":{"token":"[redacted]","kind":"x"}}"#,
            "only the declared field changes; every other byte is as sent")
    }

    func testUsualCredentialNamesAreRedactedWithoutADeclaration() {
        let request = RunRequest(
            method: "GET", url: "https://user:pw@api.example.com/?api_key=k1",
            headers: [HTTPHeader("Authorization", "Bearer sk-1"), HTTPHeader("X-Api-Key", "k2")])
        let redacted = request.redacted()
        XCTAssertEqual(redacted.url, "https://[redacted]@api.example.com/?api_key=[redacted]")
        XCTAssertEqual(redacted.headers, [HTTPHeader("Authorization", "Bearer [redacted]"), HTTPHeader("X-Api-Key", "[redacted]")])
    }

    func testABodyWhoseDeclaredFieldCannotBeFoundIsWithheld() {
        let request = RunRequest(
            method: "POST", url: "https://api.example.com/", body: Array("token=plain-secret".utf8),
            credentials: CredentialFields(bodyFields: ["token"]))
        let body = String(decoding: request.redacted().body, as: UTF8.self)
        XCTAssertFalse(body.contains("plain-secret"), body)
        XCTAssertTrue(body.contains("withheld"), body)
    }
}
