import Config
import Foundation
import XCTest

/// Reading `config.yaml`: profiles, defaults, and the errors a user sees for a broken file.
final class ConfigurationTests: XCTestCase {
    private let sample = """
        default: local
        theme: light
        profiles:
          local:
            provider: openai
            base_url: http://127.0.0.1:8080/v1
            model: smollm2
            api_key_env: LOCAL_KEY
          other:
            provider: openai
            base_url: http://127.0.0.1:9090/v1
        """

    func testProfilesAndDefault() throws {
        let config = try Configuration.parse(sample, source: "config.yaml")
        XCTAssertEqual(config.profiles.map(\.name), ["local", "other"])
        XCTAssertEqual(config.theme, "light")
        let profile = try XCTUnwrap(try config.profile(named: nil))
        XCTAssertEqual(profile.name, "local")
        XCTAssertEqual(profile.model, "smollm2")
        let settings = try profile.settings(environment: ["LOCAL_KEY": "sk-local"])
        XCTAssertEqual(settings.apiKey, "sk-local")
        XCTAssertEqual(settings.baseURL, "http://127.0.0.1:8080/v1")
    }

    func testSizeLimitsTakeUnitsOrBytesAndABadOneIsNamed() throws {
        let configuration = try Configuration.parse("max_event_size: 16M\nmax_body_size: 1048576\n", source: "c.yaml")
        XCTAssertEqual(configuration.maxEventBytes, 16 << 20)
        XCTAssertEqual(configuration.maxBodyBytes, 1 << 20)
        XCTAssertNil(try Configuration.parse(sample, source: "c.yaml").maxEventBytes, "no key, no limit of the file's")
        for (text, bytes) in [("512K", 512 << 10), ("64 MiB", 64 << 20), ("1g", 1 << 30), ("3mb", 3 << 20), ("100", 100)] {
            XCTAssertEqual(ByteSize.parse(text), bytes, text)
        }
        for text in ["", "0", "-1M", "1.5M", "16 parsecs", "2T", "M"] { XCTAssertNil(ByteSize.parse(text), text) }
        XCTAssertThrowsError(try Configuration.parse("max_body_size: huge\n", source: "c.yaml")) {
            XCTAssertEqual("\($0)", "c.yaml:1:16: error: max_body_size must be a size such as 16M, 512K or 1G (got \"huge\").")
        }
    }

    func testMissingFileMeansNoProfilesSoTheDemoRuns() throws {
        let path = NSTemporaryDirectory() + "parley-missing-\(UUID().uuidString).yaml"
        let config = try Configuration.load(path: path)
        XCTAssertNil(try config.profile(named: nil))
        XCTAssertNil(config.source)
    }

    func testDefaultPathFollowsEnvironment() {
        XCTAssertEqual(Configuration.defaultPath(environment: ["PARLEY_CONFIG": "/x/p.yaml"]), "/x/p.yaml")
        XCTAssertEqual(Configuration.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"]), "/cfg/parley/config.yaml")
        XCTAssertEqual(Configuration.defaultPath(environment: ["HOME": "/h"]), "/h/.config/parley/config.yaml")
    }

    func testUnsetKeyVariableNamesProfileAndVariable() throws {
        let profile = try XCTUnwrap(try Configuration.parse(sample, source: "c").profile(named: "local"))
        XCTAssertThrowsError(try profile.settings(environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("\"local\""), "\(error)")
            XCTAssertTrue("\(error)".contains("$LOCAL_KEY"), "\(error)")
        }
    }

    func testMissingFieldIsNamed() {
        let text = "profiles:\n  broken:\n    provider: openai\n"
        XCTAssertThrowsError(try Configuration.parse(text, source: "my.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("my.yaml:2:3: error: profile \"broken\" has no base_url"), "\(error)")
        }
    }

    func testUnknownProviderListsKnownOnes() {
        let text = "profiles:\n  x:\n    provider: nosuch\n    base_url: http://127.0.0.1:1\n"
        XCTAssertThrowsError(try Configuration.parse(text, source: "c.yaml")) { error in
            XCTAssertTrue("\(error)".contains("\"nosuch\""), "\(error)")
            XCTAssertTrue("\(error)".contains("openai"), "\(error)")
        }
    }

    func testInvalidYAMLNamesTheFile() {
        XCTAssertThrowsError(try Configuration.parse("profiles: [unclosed", source: "bad.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad.yaml"), "\(error)")
        }
    }

    func testUnknownDefaultAndUnknownNamedProfile() throws {
        XCTAssertThrowsError(try Configuration.parse("default: nope\nprofiles: {}\n", source: "c"))
        let config = try Configuration.parse(sample, source: "c")
        XCTAssertThrowsError(try config.profile(named: "missing")) { error in
            XCTAssertTrue("\(error)".contains("local, other"), "\(error)")
        }
    }

    func testTLSAndKeyCommandSettingsAreReadWithSafeDefaults() throws {
        let config = try Configuration.parse(
            """
            profiles:
              private:
                provider: pais
                base_url: https://pais.internal
                options:
                  agent_id: a1
                ca_file: certs/ca.pem
                insecure_skip_tls_verify: true
                api_key_command: oidc-token
                api_key_command_timeout: 2.5
              plain:
                provider: openai
                base_url: http://127.0.0.1:8080/v1
            """, source: "c.yaml")
        let custom = try XCTUnwrap(try config.profile(named: "private"))
        XCTAssertEqual(custom.caFile, "certs/ca.pem")
        XCTAssertTrue(custom.insecureSkipTLSVerify)
        XCTAssertEqual(custom.apiKeyCommandTimeout, 2.5)
        let plain = try XCTUnwrap(try config.profile(named: "plain"))
        XCTAssertNil(plain.caFile)
        XCTAssertFalse(plain.insecureSkipTLSVerify, "verification is on unless a profile turns it off")
        XCTAssertEqual(plain.apiKeyCommandTimeout, 10)
    }

    func testAnInsecureFlagThatIsNotABooleanIsRefused() {
        let text = """
            profiles:
              p:
                provider: openai
                base_url: https://x
                insecure_skip_tls_verify: perhaps
            """
        XCTAssertThrowsError(try Configuration.parse(text, source: "c.yaml")) { error in
            XCTAssertTrue("\(error)".contains("insecure_skip_tls_verify"), "\(error)")
        }
    }
}
