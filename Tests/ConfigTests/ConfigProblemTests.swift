import Config
import Foundation
import TestSupport
import XCTest

/// Every kind of mistake in a real config file is reported with its file, line and column, and what to do.
final class ConfigProblemTests: XCTestCase {
    /// Writes `text` to a config file in a fresh folder (mode 600 unless told) and returns its path.
    private func file(_ text: String, mode: Int = 0o600) throws -> String {
        let path = try makeTemporaryFolder("parley-config").appendingPathComponent("config.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// The problems `load` reports for the file, as printed.
    private func problems(_ path: String) -> [String] {
        do {
            _ = try Configuration.load(path: path)
            return []
        } catch let error as ConfigError {
            return error.description.components(separatedBy: "\n")
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    func testASyntaxErrorSaysWhereInsteadOfOnlyInvalidYAML() throws {
        let path = try file("profiles:\n  a:\n    provider: openai\n   base_url: http://x\n")
        let reported = problems(path)
        XCTAssertEqual(reported.count, 1, "\(reported)")
        XCTAssertTrue(reported[0].hasPrefix("\(path):4:4: error: YAML syntax: "), reported[0])
        XCTAssertFalse(reported[0].contains("The given data was not valid YAML"), reported[0])
    }

    func testUnknownKeysAnywhereAreNamedWithTheNearestKnownOne() throws {
        let path = try file("""
            thme: light
            timeouts:
              idel: 5
            profiles:
              local:
                provider: openai
                base_url: http://127.0.0.1:8080/v1
                modle: llama
            """)
        XCTAssertEqual(problems(path).map { $0.components(separatedBy: ";")[0] }, [
            "\(path):1:1: error: unknown key \"thme\" at the top level (did you mean theme?)",
            "\(path):3:3: error: unknown key \"idel\" under timeouts (did you mean idle?)",
            "\(path):8:5: error: unknown key \"modle\" in profile \"local\" (did you mean model?)",
        ])
    }

    func testUnknownKindAndUnknownOptionSuggestTheNearest() throws {
        let path = try file("""
            profiles:
              agent:
                provider: pias
                base_url: https://pais.example.com
              chat:
                provider: dify
                base_url: https://api.dify.ai/v1
                options:
                  usr: alice
            """)
        let reported = problems(path)
        XCTAssertEqual(reported.count, 2, "\(reported)")
        XCTAssertTrue(reported[0].hasPrefix("\(path):3:15: error: profile \"agent\" has provider \"pias\", which Parley does not know (did you mean pais?)"), reported[0])
        XCTAssertTrue(reported[1].hasPrefix("\(path):9:7: error: profile \"chat\": unknown option \"usr\" for a dify provider (did you mean user?)"), reported[1])
    }

    func testAMissingRequiredOptionNamesTheProfileAndTheOption() throws {
        let path = try file("profiles:\n  agent:\n    provider: pais\n    base_url: https://pais.example.com\n")
        XCTAssertEqual(problems(path), ["\(path):2:3: error: profile \"agent\" needs the option agent_id under options: (The agent's id in PAIS)"])
    }

    func testADefaultThatNamesNoProfile() throws {
        let path = try file("default: locl\nprofiles:\n  local:\n    provider: openai\n    base_url: http://127.0.0.1:1/v1\n")
        XCTAssertEqual(problems(path), ["\(path):1:1: error: default names profile \"locl\", which is not defined (did you mean local?) (profiles: local)"])
    }

    func testEveryProblemIsReportedAtOnceInFileOrder() throws {
        let path = try file("mouse: sometimes\nprofiles:\n  a:\n    provider: openai\n    base_url: ftp://x\n    stream: maybe\n")
        let lines = problems(path).map { $0.components(separatedBy: ": error")[0] }
        XCTAssertEqual(lines, ["\(path):1:8", "\(path):5:15", "\(path):6:13"])
    }

    func testAnUnsetKeyVariableIsAWarningWithItsPlace() throws {
        let path = try file("profiles:\n  a:\n    provider: openai\n    base_url: http://x/v1\n    api_key_env: PARLEY_TEST_UNSET_KEY\n")
        let configuration = try Configuration.load(path: path)
        XCTAssertEqual(configuration.warnings(environment: [:]).map(\.description), [
            "\(path):5:5: warning: profile \"a\" reads its key from $PARLEY_TEST_UNSET_KEY, which is not set; export it before using this profile",
        ])
        XCTAssertEqual(configuration.warnings(environment: ["PARLEY_TEST_UNSET_KEY": "k"]), [])
    }

    func testAProfileThatSkipsTLSChecksIsAWarning() throws {
        let path = try file("profiles:\n  a:\n    provider: openai\n    base_url: https://x/v1\n    insecure_skip_tls_verify: true\n")
        XCTAssertEqual(try Configuration.load(path: path).warnings(environment: [:]).map(\.description), [
            "\(path):5:5: warning: profile \"a\" skips TLS checks: anyone on the path can read its traffic, keys included; use ca_file to trust a private CA instead",
        ])
    }

    func testALiteralKeyInAFileOthersCanReadIsRefusedWithTheChmodCommand() throws {
        let text = "profiles:\n  a:\n    provider: openai\n    base_url: http://x/v1\n    api_key: sk-very-secret\n"
        let open = try file(text, mode: 0o644)
        let reported = problems(open)
        XCTAssertEqual(reported.count, 1, "\(reported)")
        XCTAssertTrue(reported[0].hasPrefix("\(open):5:5: error: profile \"a\" has a literal api_key"), reported[0])
        XCTAssertTrue(reported[0].contains("Run: chmod 600 \(open)"), reported[0])
        XCTAssertFalse(reported[0].contains("sk-very-secret"), "the key is never printed")

        let closed = try file(text, mode: 0o600)
        let configuration = try Configuration.load(path: closed)
        let profile = try XCTUnwrap(configuration.profile(named: "a"))
        XCTAssertEqual(try configuration.settings(for: profile, environment: [:]).apiKey, "sk-very-secret")
        XCTAssertFalse("\(profile)".contains("sk-very-secret"), "the profile itself holds no key")
    }

    func testTwoKeySourcesInOneProfileAreRefused() throws {
        let path = try file("profiles:\n  a:\n    provider: openai\n    base_url: http://x/v1\n    api_key_env: K\n    api_key: k\n")
        XCTAssertEqual(problems(path), ["\(path):6:5: error: profile \"a\" sets both api_key_env and api_key; keep one of them"])
    }

    func testTheOtherSettingsAreRead() throws {
        let path = try file("""
            theme: light
            database: data/parley.sqlite
            mouse: false
            timeouts:
              connect: 3
              idle: 120
            max_event_size: 16M
            keys:
              quit: ctrl-x
              help: [f2, "?"]
            profiles:
              local:
                provider: openai
                base_url: http://127.0.0.1:8080/v1
                model: llama
                system_prompt: Be terse.
                stream: false
            """)
        let configuration = try Configuration.load(path: path)
        XCTAssertEqual(configuration.theme, "light")
        XCTAssertEqual(configuration.database, "data/parley.sqlite")
        XCTAssertEqual(configuration.mouse, false)
        XCTAssertEqual(configuration.connectTimeout, 3)
        XCTAssertEqual(configuration.idleTimeout, 120)
        XCTAssertEqual(configuration.maxEventBytes, 16 << 20)
        XCTAssertEqual(configuration.keyBindings.map(\.action), ["quit", "help"])
        XCTAssertEqual(configuration.keyBindings.map(\.keys), [["ctrl-x"], ["f2", "?"]])
        let profile = try XCTUnwrap(configuration.profile(named: "local"))
        XCTAssertEqual(profile.model, "llama")
        XCTAssertEqual(profile.options, ["system": "Be terse.", "stream": "false"])
    }

    func testASystemPromptForAKindWhoseServerOwnsItIsRefused() throws {
        let path = try file("""
            profiles:
              agent:
                provider: pais
                base_url: https://pais.example.com
                system_prompt: Be terse.
                options:
                  agent_id: a1
            """)
        XCTAssertEqual(problems(path), ["\(path):5:5: error: profile \"agent\": a pais provider takes no system prompt (the server owns it); remove system_prompt"])
    }

    func testTheExampleConfigIsClean() throws {
        let path = try file(ConfigExample.text)
        let configuration = try Configuration.load(path: path)
        XCTAssertEqual(configuration.profiles.map(\.provider).sorted(), ["dify", "helix", "hummingbird", "openai", "pais"])
    }
}
