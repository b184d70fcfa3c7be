import Providers
import Proxy
import XCTest

/// Which requests are turns of which kind, what a turn carries, and which listen addresses are private.
final class ProxyRoutingTests: XCTestCase {
    func testKindsAreGuessedFromPathsWithPrefixesAndQueries() {
        XCTAssertEqual(ClientTurn.kind(forPath: "/v1/chat-messages"), "dify")
        XCTAssertEqual(ClientTurn.kind(forPath: "/v1/workflows/run"), "dify")
        XCTAssertEqual(ClientTurn.kind(forPath: "/api/v1/sessions/chat"), "helix")
        XCTAssertEqual(ClientTurn.kind(forPath: "/api/v1/compatibility/openai/v1/agents/a1/chat/completions"), "pais")
        XCTAssertEqual(ClientTurn.kind(forPath: "/bh/invoke"), "hummingbird")
        XCTAssertEqual(ClientTurn.kind(forPath: "/openai/deployments/gpt/chat/completions?api-version=2024-06-01"), "openai")
        XCTAssertNil(ClientTurn.kind(forPath: "/v1/models"))
        XCTAssertNil(ClientTurn.kind(forPath: "/v1/chat-messages/task-1/stop"), "stopping a task is not a turn")
    }

    func testATurnNamesItsPromptAndTheConversationItContinues() {
        let dify = ClientTurn(kind: "dify", body: Array(#"{"query":"hi","conversation_id":"c-1"}"#.utf8))
        XCTAssertEqual(dify, ClientTurn(kind: "dify", prompt: "hi", remoteConversationID: "c-1"))
        let newDify = ClientTurn(kind: "dify", body: Array(#"{"query":"hi","conversation_id":""}"#.utf8))
        XCTAssertNil(newDify.remoteConversationID, "an empty id asks for a new conversation")
        let helix = ClientTurn(kind: "helix", body: Array(
            #"{"session_id":"ses_1","messages":[{"role":"user","content":{"content_type":"text","parts":["a","b"]}}]}"#.utf8))
        XCTAssertEqual(helix, ClientTurn(kind: "helix", prompt: "a\nb", remoteConversationID: "ses_1"))
        let openai = ClientTurn(kind: "openai", body: Array(
            #"{"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},{"role":"user","content":[{"type":"text","text":"second"}]}]}"#.utf8))
        XCTAssertEqual(openai, ClientTurn(kind: "openai", prompt: "second"))
        XCTAssertEqual(ClientTurn(kind: "openai", body: Array("not json".utf8)), ClientTurn(kind: "openai", prompt: ""))
    }

    func testOnlyLoopbackAddressesArePrivate() throws {
        XCTAssertTrue(try ListenAddress(parsing: "127.0.0.1:8788").isLoopback)
        XCTAssertTrue(try ListenAddress(parsing: "127.1.2.3:1").isLoopback)
        XCTAssertTrue(try ListenAddress(parsing: "localhost:8788").isLoopback)
        XCTAssertTrue(try ListenAddress(parsing: "[::1]:8788").isLoopback)
        XCTAssertEqual(try ListenAddress(parsing: "8788"), ListenAddress(host: "127.0.0.1", port: 8788))
        XCTAssertFalse(try ListenAddress(parsing: "0.0.0.0:8788").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "[::]:8788").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "192.168.1.5:8788").isLoopback)
        XCTAssertThrowsError(try ListenAddress(parsing: "::1:8788"))
        XCTAssertThrowsError(try ListenAddress(parsing: "127.0.0.1:99999"))
    }
}
