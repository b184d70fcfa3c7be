import Foundation
import TestSupport
import XCTest

/// `parley proxy` as a user runs it: the real binary between `parley send` and the fixture server, and its
/// refusals.
final class ProxyCommandTests: CommandTestCase {
    func testAnAddressOtherMachinesReachIsRefusedWithoutTheFlag() throws {
        let result = try parley(["proxy", "--listen", "0.0.0.0:0", "--upstream", base])
        XCTAssertEqual(result.exitCode, 64, result.standardError)
        XCTAssertTrue(result.standardError.contains("--listen 0.0.0.0:0 can be reached from other machines"), result.standardError)
        XCTAssertTrue(result.standardError.contains("--allow-remote"), result.standardError)
    }

    func testBadListenAndUpstreamSayWhatToWrite() throws {
        let listen = try parley(["proxy", "--listen", "localhost", "--upstream", base])
        XCTAssertEqual(listen.exitCode, 64)
        XCTAssertTrue(listen.standardError.contains("Give --listen as HOST:PORT"), listen.standardError)
        let upstream = try parley(["proxy", "--upstream", "api.openai.com"])
        XCTAssertEqual(upstream.exitCode, 64)
        XCTAssertTrue(upstream.standardError.contains("--upstream must be an http:// or https:// URL"), upstream.standardError)
    }

    func testParleySendThroughTheProxyIsStoredAndLogged() throws {
        let port = try LoopbackPort.free()
        let logs = try makeTemporaryFolder("parley-proxy")
        let process = try SpawnedProcess(
            executable: ParleyBinary.path, arguments: ["proxy", "--listen", "127.0.0.1:\(port)", "--upstream", base],
            environment: environment, logDirectory: logs)
        defer { process.stop() }
        try LoopbackPort.waitUntilAccepting(port, timeout: 20, process: process)

        let sent = try parley(["send", "--no-store", "--base-url", "http://127.0.0.1:\(port)/v1", "hello through the proxy"])
        XCTAssertEqual(sent.exitCode, 0, sent.standardError)
        XCTAssertFalse(sent.standardOutput.isEmpty)
        let logged = process.waitForLines(count: 1, timeout: 20) { $0.hasPrefix("POST /v1/chat/completions → 200") }
        XCTAssertEqual(logged.count, 1, process.output)
        XCTAssertTrue(logged.first?.contains("openai · ") ?? false, logged.first ?? "")
        XCTAssertTrue(logged.first?.contains("complete · conversation ") ?? false, logged.first ?? "")

        let list = try parley(["conversations", "list"])
        XCTAssertTrue(list.standardOutput.contains("hello through the proxy"), list.standardOutput)
        XCTAssertEqual(process.signal(SIGINT), 0, "Ctrl-C ends the proxy cleanly")
    }
}
