import FixtureServer
import Foundation
import TestSupport
import XCTest

/// Redirects are followed only within one origin, so a key in a custom header never reaches another server.
final class RedirectTests: XCTestCase {
    private var first: FixtureServer?
    private var second: FixtureServer?
    private var firstBase = ""
    private var secondBase = ""
    private var environment: [String: String] = [:]
    private let key = "bird-key-Kx7redirect"

    override func setUp() async throws {
        let (second, secondBase) = try await RunningFixtureServer.start()
        self.second = second
        self.secondBase = secondBase
        let scenarios = try makeTemporaryFolder("parley-redirects")
        let redirects: [(name: String, path: String, status: Int, location: String)] = [
            ("away", "/away/bh/create-chat-session", 307, secondBase + "/bh/create-chat-session"),
            ("here-session", "/here/bh/create-chat-session", 307, "/bh/create-chat-session"),
            ("here-invoke", "/here/bh/invoke", 308, "/bh/invoke"),
            ("ftp", "/ftp/bh/create-chat-session", 302, "ftp://127.0.0.1/key"),
        ]
        for redirect in redirects {
            let json = """
                {"name": "redirect-\(redirect.name)", "route": {"method": "POST", "path": "\(redirect.path)"},
                 "status": \(redirect.status), "headers": {"Location": "\(redirect.location)", "Content-Type": "text/plain"},
                 "events": [{"body": "moved"}]}
                """
            try json.write(to: scenarios.appendingPathComponent("redirect-\(redirect.name).json"), atomically: true, encoding: .utf8)
        }
        let (first, firstBase) = try await RunningFixtureServer.start(
            library: try ScenarioLibrary.builtIn().adding(directory: scenarios))
        self.first = first
        self.firstBase = firstBase
        environment = ParleyBinary.isolatedEnvironment(in: try makeTemporaryFolder("parley-test"), ["BIRD_KEY": key])
    }

    override func tearDown() async throws {
        await first?.stop()
        await second?.stop()
    }

    private func send(_ prefix: String) throws -> CommandResult {
        try ParleyBinary.run(
            [
                "send", "--no-store", "--provider", "hummingbird", "--base-url", firstBase + prefix + "/bh",
                "-o", "auth_header_name=X-Bird-Key", "--api-key-env", "BIRD_KEY", "hello",
            ], environment: environment)
    }

    func testARedirectToAnotherPortIsRefusedAndTheOtherServerNeverSeesTheKey() throws {
        let result = try send("/away")
        XCTAssertEqual(result.exitCode, 1, result.standardError)
        XCTAssertEqual(first?.receivedRequests.last?.header("X-Bird-Key"), key, "the first server was asked, with the key")
        XCTAssertEqual(second?.receivedRequests.count, 0, "nothing, and so no key, reached the other origin")
        XCTAssertTrue(result.standardError.contains(firstBase), "names where it came from: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains(secondBase), "names where it pointed: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains("another origin"), result.standardError)
    }

    func testARedirectWithinTheSameOriginIsFollowedWithTheKey() throws {
        let result = try send("/here")
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("You said: “hello”"), result.standardOutput)
        let followed = (first?.receivedRequests ?? []).filter { !$0.path.hasPrefix("/here") }
        XCTAssertEqual(followed.map(\.path), ["/bh/create-chat-session", "/bh/invoke"])
        XCTAssertEqual(followed.map { $0.header("X-Bird-Key") }, [key, key])
    }

    func testARedirectToAnotherSchemeIsRefused() throws {
        let result = try send("/ftp")
        XCTAssertEqual(result.exitCode, 1, result.standardError)
        XCTAssertTrue(result.standardError.contains("only http and https"), result.standardError)
    }
}
