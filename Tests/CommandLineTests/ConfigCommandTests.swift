import Foundation
import Providers
import TestSupport
import XCTest

/// `parley config init/path/check/edit` and `parley providers` through the real binary, in a fresh home.
final class ConfigCommandTests: XCTestCase {
    private var home: URL!
    private var environment: [String: String] = [:]
    private var configPath: String { home.appendingPathComponent("config/parley/config.yaml").path }

    override func setUpWithError() throws {
        home = try makeTemporaryFolder("parley-config-cli")
        environment = ParleyBinary.isolatedEnvironment(in: home)
    }

    private func parley(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CommandResult {
        try ParleyBinary.run(arguments, environment: environment.merging(extra) { _, new in new })
    }

    private func write(_ text: String, mode: Int = 0o600) throws -> String {
        let path = home.appendingPathComponent("written.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func testPathFollowsTheEnvironment() throws {
        XCTAssertEqual(try parley(["config", "path"]).lines, [configPath])
        XCTAssertEqual(try parley(["config", "path"], ["PARLEY_CONFIG": "/elsewhere/p.yaml"]).lines, ["/elsewhere/p.yaml"])
    }

    func testInitWritesAnOwnerOnlyExampleThatChecksCleanAndIsNeverOverwrittenWithoutForce() throws {
        let written = try parley(["config", "init"])
        XCTAssertEqual(written.exitCode, 0, written.standardError)
        let attributes = try FileManager.default.attributesOfItem(atPath: configPath)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        var keys: [String: String] = [:]
        for kind in ProviderKind.allCases { keys[kind.details.keyEnvironmentVariable ?? kind.rawValue.uppercased() + "_API_KEY"] = "k" }
        let checked = try parley(["config", "check"], keys)
        XCTAssertEqual(checked.exitCode, 0, checked.standardError)
        XCTAssertEqual(checked.standardError, "", "no warnings once the key variables are set")
        let kinds = ProviderKind.allCases.map { "\($0.rawValue) (\($0.rawValue))" }.sorted()
        XCTAssertEqual(checked.lines, ["\(configPath): OK, \(kinds.count) profiles: \(kinds.joined(separator: ", "))."])

        let unset = try parley(["config", "check"])
        XCTAssertEqual(unset.exitCode, 0, "unset key variables are warnings")
        XCTAssertTrue(unset.standardError.contains(": warning: profile \"openai\" reads its key from $OPENAI_API_KEY, which is not set"), unset.standardError)

        try Data("default: mine\n".utf8).write(to: URL(fileURLWithPath: configPath))
        let again = try parley(["config", "init"])
        XCTAssertNotEqual(again.exitCode, 0)
        XCTAssertTrue(again.standardError.contains("already exists; it was left alone"), again.standardError)
        XCTAssertEqual(try String(contentsOfFile: configPath, encoding: .utf8), "default: mine\n")
        XCTAssertEqual(try parley(["config", "init", "--force"]).exitCode, 0)
        XCTAssertTrue(try String(contentsOfFile: configPath, encoding: .utf8).contains("profiles:"))
    }

    func testCheckListsEveryProblemWithLineAndColumnAndExits78() throws {
        let path = try write("""
            default: locl
            keys:
              qiut: ctrl-x
              help: ctrl-shift
            profiles:
              local:
                provider: openai
                base_url: http://127.0.0.1:8080/v1
                modle: llama
            """)
        let result = try parley(["config", "check", "--config", path])
        XCTAssertEqual(result.exitCode, 78, result.standardError)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Error: \(path) has problems:")
        XCTAssertEqual(lines.dropFirst().map { $0.components(separatedBy: " (did")[0].components(separatedBy: ";")[0] }, [
            "\(path):1:1: error: default names profile \"locl\", which is not defined",
            "\(path):3:3: error: keys: unknown action \"qiut\"",
            "\(path):4:9: error: keys.help: \"ctrl-shift\" is not a key Parley knows",
            "\(path):9:5: error: unknown key \"modle\" in profile \"local\"",
        ])
        XCTAssertTrue(lines[2].contains("(did you mean quit?)"), lines[2])
    }

    func testEveryCommandThatReadsTheFileReportsItsProblems() throws {
        let path = try write("profiles:\n  a:\n    provider: openai\n   base_url: x\n")
        let result = try parley(["send", "--config", path, "hello"])
        XCTAssertEqual(result.exitCode, 78, result.standardError)
        XCTAssertTrue(result.standardError.contains("\(path):4:4: error: YAML syntax: "), result.standardError)
        XCTAssertFalse(result.standardError.contains("Usage:"), result.standardError)
    }

    func testAWorldReadableLiteralKeyIsRefusedWithTheChmodCommandAndNeverPrinted() throws {
        let path = try write("profiles:\n  a:\n    provider: openai\n    base_url: http://127.0.0.1:9/v1\n    api_key: sk-never-shown\n", mode: 0o644)
        for arguments in [["config", "check", "--config", path], ["send", "--config", path, "hello"]] {
            let result = try parley(arguments)
            XCTAssertEqual(result.exitCode, 78, result.standardError)
            XCTAssertTrue(result.standardError.contains("Run: chmod 600 \(path)"), result.standardError)
            XCTAssertFalse((result.standardError + result.standardOutput).contains("sk-never-shown"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        XCTAssertEqual(try parley(["config", "check", "--config", path]).exitCode, 0)
    }

    func testEditOpensTheEditorThenChecks() throws {
        let path = try write("profiles: {}\n")
        let editor = home.appendingPathComponent("editor.sh").path
        try Data("#!/bin/sh\nprintf 'thme: light\\n' >> \"$1\"\n".utf8).write(to: URL(fileURLWithPath: editor))
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: editor)
        let result = try parley(["config", "edit", "--config", path], ["EDITOR": editor, "VISUAL": ""])
        XCTAssertEqual(result.exitCode, 78, result.standardError)
        XCTAssertTrue(result.standardError.contains("\(path):2:1: error: unknown key \"thme\" at the top level (did you mean theme?)"), result.standardError)
    }

    func testTheStoreComesFromTheConfigFileUnlessTheFlagOrVariableSays() throws {
        try FileManager.default.createDirectory(atPath: (configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("database: stored/notes.sqlite\n".utf8).write(to: URL(fileURLWithPath: configPath))
        XCTAssertEqual(try parley(["conversations", "list"]).exitCode, 0)
        let configured = ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("stored/notes.sqlite")
        XCTAssertTrue(FileManager.default.fileExists(atPath: configured), "a relative database is taken from the config file's folder")
        let variable = home.appendingPathComponent("variable.sqlite").path
        XCTAssertEqual(try parley(["conversations", "list"], ["PARLEY_DB": variable]).exitCode, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: variable), "$PARLEY_DB wins over the file")
    }

    func testProvidersListsEveryKindFromTheRegistryWithItsOptions() throws {
        let result = try parley(["providers"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let headings = result.lines.filter { !$0.hasPrefix(" ") }
        XCTAssertEqual(headings, ProviderKind.allCases.map { "\($0.rawValue) — \($0.details.title)" })
        for kind in ProviderKind.allCases {
            for option in kind.details.allOptions {
                XCTAssertTrue(result.lines.contains { $0.hasPrefix("    \(option.name) ") }, "\(kind) \(option.name)")
            }
        }
        let pais = try parley(["providers", "pais"])
        XCTAssertEqual(pais.lines, [
            "pais — VMware Private AI",
            "  VMware Private AI Services agents (OpenAI-compatible agent chat completions).",
            "  credentials: header Authorization",
            "  supports: server-side sessions, blocking replies",
            "  options:",
            "    agent_id  The agent's id in PAIS. Required.",
            "    endpoint  assistants or agents: which of the two equivalent paths the server serves. Default: assistants.",
            "    stream    true streams the reply as it is written; false asks for one blocking reply. Default: true.",
        ])
        let typo = try parley(["providers", "dfy"])
        XCTAssertEqual(typo.exitCode, 64)
        XCTAssertTrue(typo.standardError.contains("Unknown provider kind \"dfy\" (did you mean dify?)"), typo.standardError)
    }

    func testHelpListsTheKindsFromTheRegistry() throws {
        let help = try parley(["send", "--help"])
        XCTAssertTrue(help.standardOutput.contains(ProviderKind.names.joined(separator: ", ")), help.standardOutput)
    }
}
