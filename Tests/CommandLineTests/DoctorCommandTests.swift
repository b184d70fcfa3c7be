import Foundation
import TestSupport
import XCTest

/// `parley doctor` against the fixture server: each provider's cheapest real request, a wrong key, a refused
/// port, a host that does not resolve, a damaged store, and the terminal lines; exit 0 only when all pass.
final class DoctorCommandTests: CommandTestCase {
    override func setUp() async throws {
        try await super.setUp()
        environment.merge(["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": "", "NO_COLOR": ""]) { _, new in new }
    }

    private func writeConfig(_ profiles: String) throws {
        let folder = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!).appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ("profiles:\n" + profiles).write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    private func lines(_ result: CommandResult, starting prefix: String) -> [String] {
        result.lines.filter { $0.contains(prefix) }
    }

    func testEveryProviderKindPassesWithItsCheapestRequestAndTheExitStatusIsZero() throws {
        environment["DOCTOR_KEY"] = "sk-doctor-good"
        try writeConfig("""
              chat:
                provider: openai
                base_url: \(base)/v1
                api_key_env: DOCTOR_KEY
              app:
                provider: dify
                base_url: \(base)/v1
                api_key_env: DOCTOR_KEY
              helix:
                provider: helix
                base_url: \(base)
                api_key_env: DOCTOR_KEY
              agent:
                provider: pais
                base_url: \(base)
                api_key_env: DOCTOR_KEY
                options: {agent_id: demo-agent}
              bird:
                provider: hummingbird
                base_url: \(base)/bh
            """)
        let result = try parley(["doctor"])
        XCTAssertEqual(result.exitCode, 0, result.standardOutput + result.standardError)
        XCTAssertFalse(result.standardOutput.contains("FAIL"), result.standardOutput)
        for (profile, request) in [
            ("chat", "GET /v1/models"), ("app", "GET /v1/parameters"), ("helix", "GET /api/v1/sessions"),
            ("agent", "GET /api/v1/compatibility/openai/v1/models"),
        ] {
            let line = lines(result, starting: "profile \(profile): authentication").first ?? ""
            XCTAssertTrue(line.hasPrefix("ok") && line.contains(request) && line.contains("200"), "\(profile): \(line)")
        }
        let requests = server!.receivedRequests.map { "\($0.method) \($0.path.prefix { $0 != "?" })" }
        XCTAssertTrue(requests.contains("GET /api/v1/compatibility/openai/v1/models"), "\(requests)")
        XCTAssertFalse(requests.contains { $0.hasPrefix("POST") }, "doctor sends nothing that changes the server: \(requests)")
        let bird = lines(result, starting: "profile bird: authentication").first ?? ""
        XCTAssertTrue(bird.hasPrefix("skip") && bird.contains("Big Hummingbird"), bird)
        XCTAssertTrue(lines(result, starting: "profile bird: connection").first?.hasPrefix("ok") ?? false, result.standardOutput)
        for name in ["terminal: TERM", "terminal: locale", "terminal: colours", "config", "themes", "store: file"] {
            XCTAssertTrue(lines(result, starting: name + ":").first?.hasPrefix("ok") ?? false, "\(name): \(result.standardOutput)")
        }
        XCTAssertTrue(lines(result, starting: "themes:").first?.contains("default, high-contrast, light") ?? false, result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("checks passed"), result.standardOutput)
    }

    func testAWrongKeyIsNamedWithWhereItCameFromAndWhatToDoButNeverShown() throws {
        environment["WRONG_KEY"] = "sk-doctor-wrong-7f3a9c"
        try writeConfig("""
              work:
                provider: openai
                base_url: \(base)/scenario/openai-models-unauthorized/v1
                api_key_env: WRONG_KEY
            """)
        let result = try parley(["doctor"])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput + result.standardError)
        let line = lines(result, starting: "profile work: authentication").first ?? ""
        XCTAssertTrue(line.hasPrefix("FAIL"), line)
        XCTAssertTrue(line.contains("401"), line)
        XCTAssertTrue(line.contains("WRONG_KEY"), "names where the key came from: \(line)")
        XCTAssertTrue(line.contains("Incorrect API key provided"), "says what the server said: \(line)")
        XCTAssertTrue(line.contains("→ check"), "says what to do: \(line)")
        XCTAssertFalse((result.standardOutput + result.standardError).contains("sk-doctor-wrong-7f3a9c"))
        XCTAssertTrue(lines(result, starting: "profile work: connection").first?.hasPrefix("ok") ?? false, result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("1 of "), result.standardOutput)
    }

    func testAHelixAppKeyRefusedTheSessionListStillPassesAsAValidKey() throws {
        environment["HELIX_APP_KEY"] = "hl-app-doctor"
        try writeConfig("""
              helix:
                provider: helix
                base_url: \(base)/scenario/helix-app-key-sessions
                api_key_env: HELIX_APP_KEY
            """)
        let result = try parley(["doctor", "--profile", "helix"])
        let line = lines(result, starting: "profile helix: authentication").first ?? ""
        XCTAssertTrue(line.hasPrefix("ok") && line.contains("app-scoped key"), line)
        XCTAssertEqual(result.exitCode, 0, result.standardOutput)
    }

    func testARefusedPortFailsTheConnectionLineAndSkipsTheRest() throws {
        let port = try LoopbackPort.free()
        try writeConfig("""
              local:
                provider: openai
                base_url: http://127.0.0.1:\(port)/v1
            """)
        let result = try parley(["doctor", "--profile", "local"])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput)
        XCTAssertTrue(lines(result, starting: "profile local: name resolution").first?.hasPrefix("ok") ?? false, result.standardOutput)
        let connection = lines(result, starting: "profile local: connection").first ?? ""
        XCTAssertTrue(connection.hasPrefix("FAIL") && connection.contains("127.0.0.1:\(port)"), connection)
        XCTAssertTrue(connection.contains("→ start the server"), connection)
        XCTAssertTrue(lines(result, starting: "profile local: authentication").first?.hasPrefix("skip") ?? false, result.standardOutput)
    }

    func testAHostThatDoesNotResolveFailsTheNameResolutionLine() throws {
        try writeConfig("""
              gone:
                provider: dify
                base_url: http://parley-doctor-test.invalid/v1
            """)
        let result = try parley(["doctor", "--profile", "gone", "--timeout", "5"])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput)
        let line = lines(result, starting: "profile gone: name resolution").first ?? ""
        XCTAssertTrue(line.hasPrefix("FAIL") && line.contains("parley-doctor-test.invalid"), line)
        XCTAssertTrue(line.contains("→ check base_url"), line)
        XCTAssertTrue(lines(result, starting: "profile gone: connection").first?.hasPrefix("skip") ?? false, result.standardOutput)
    }

    func testADamagedStoreFailsTheIntegrityLineAndIsLeftAsItWas() throws {
        let store = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("broken.sqlite")
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: store)
        let result = try parley(["doctor", "--database", store.path])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput)
        let line = lines(result, starting: "store: integrity").first ?? ""
        XCTAssertTrue(line.hasPrefix("FAIL") && line.contains(store.path), line)
        XCTAssertTrue(line.contains("→ move it aside"), line)
        XCTAssertEqual(try Data(contentsOf: store), garbage, "doctor never writes to the store")
    }

    func testAHealthyStoreShowsItsSchemaVersionAndIntegrity() throws {
        XCTAssertEqual(try parley(["send", "--base-url", base + "/v1", "hello"]).exitCode, 0)
        let result = try parley(["doctor"])
        XCTAssertTrue(lines(result, starting: "store: schema").first?.contains("(current)") ?? false, result.standardOutput)
        XCTAssertTrue(lines(result, starting: "store: integrity").first?.hasPrefix("ok") ?? false, result.standardOutput)
        XCTAssertTrue(lines(result, starting: "store: free space").first?.hasPrefix("ok") ?? false, result.standardOutput)
    }

    func testTheTerminalLinesSayWhatIsWrongWithTermAndTheLocale() throws {
        environment.merge(["TERM": "dumb", "LANG": "C", "LC_ALL": "C"]) { _, new in new }
        let result = try parley(["doctor"])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput)
        let term = lines(result, starting: "terminal: TERM").first ?? ""
        XCTAssertTrue(term.hasPrefix("FAIL") && term.contains("export TERM=xterm-256color"), term)
        let locale = lines(result, starting: "terminal: locale").first ?? ""
        XCTAssertTrue(locale.hasPrefix("FAIL") && locale.contains("LC_ALL=C") && locale.contains("export LANG=C.UTF-8"), locale)
        XCTAssertTrue(lines(result, starting: "terminal: size").first?.hasPrefix("skip") ?? false, result.standardOutput)
    }

    func testABrokenConfigFileIsOneFailingLineNotACrash() throws {
        try writeConfig("  work: [unclosed\n")
        let result = try parley(["doctor"])
        XCTAssertEqual(result.exitCode, 1, result.standardOutput + result.standardError)
        let line = lines(result, starting: "config:").first ?? ""
        XCTAssertTrue(line.hasPrefix("FAIL") && line.contains("config.yaml"), line)
        XCTAssertTrue(lines(result, starting: "store:").first != nil, "the other checks still run: \(result.standardOutput)")
    }
}
