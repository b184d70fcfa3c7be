import FixtureServer
import Foundation
import TestSupport
import XCTest

/// A key sent to any provider never reaches the database file, an export, a recording or the terminal.
final class SecretRedactionTests: CommandTestCase {
    private var home: URL { URL(fileURLWithPath: environment["HOME"]!) }
    private var databaseFolder: URL { home.appendingPathComponent("data/parley") }

    /// Each kind with the endpoint options that reach its fixture, and the header the key must travel in.
    private func endpoints() -> [(kind: String, options: [String], header: String)] {
        [
            ("openai", ["--base-url", base + "/v1"], "Authorization"),
            ("dify", ["--base-url", base + "/v1"], "Authorization"),
            ("helix", ["--base-url", base], "Authorization"),
            ("hummingbird", ["--base-url", base + "/bh", "-o", "auth_header_name=X-Bird-Key", "-o", "var.country=France"], "X-Bird-Key"),
            ("pais", ["--base-url", base, "-o", "agent_id=demo-agent"], "Authorization"),
        ]
    }

    func testNoProviderKindLeavesItsKeyInTheStoreExportsOrRecordings() throws {
        for endpoint in endpoints() {
            let key = "sk-\(endpoint.kind)-Zq8vW3distinctive"
            environment["PARLEY_TEST_SECRET"] = key
            let sent = try parley(
                ["send", "--provider", endpoint.kind, "--api-key-env", "PARLEY_TEST_SECRET"] + endpoint.options + ["hello"])
            XCTAssertEqual(sent.exitCode, 0, "\(endpoint.kind): \(sent.standardError)")
            XCTAssertFalse(sent.standardOutput.isEmpty, "\(endpoint.kind) answered")
            let request = try XCTUnwrap(server?.receivedRequests.last, endpoint.kind)
            XCTAssertTrue(request.header(endpoint.header)?.contains(key) ?? false, "\(endpoint.kind) sent the key in \(endpoint.header)")
            XCTAssertFalse(sent.standardOutput.contains(key) || sent.standardError.contains(key), endpoint.kind)
            var seen: [String: String] = [:]
            let list = try parley(["conversations", "list", "--json"])
            let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
            let id = try XCTUnwrap(items.first { $0["provider"] as? String == endpoint.kind }?["id"] as? String, "\(endpoint.kind): \(list.standardOutput)")
            seen["conversations list"] = list.standardOutput
            for format in ["md", "json", "raw"] {
                let export = try parley(["export", id, "--format", format])
                XCTAssertEqual(export.exitCode, 0, "\(endpoint.kind) \(format): \(export.standardError)")
                seen["export --format \(format)"] = export.standardOutput + export.standardError
            }
            let show = try parley(["conversations", "show", id])
            seen["conversations show"] = show.standardOutput + show.standardError
            for file in try FileManager.default.contentsOfDirectory(atPath: databaseFolder.path) {
                let bytes = try Data(contentsOf: databaseFolder.appendingPathComponent(file))
                seen["database file \(file)"] = String(decoding: bytes, as: UTF8.self)
            }
            for (place, text) in seen {
                XCTAssertFalse(text.contains(key), "\(endpoint.kind): the key is in \(place)")
            }
            let json = try XCTUnwrap(seen["export --format json"])
            XCTAssertTrue(
                json.contains("[redacted]"), "\(endpoint.kind): the export still shows that a key was sent (\(endpoint.header))")
        }
    }
}

/// Exported recordings carry whole conversations: they are written for their owner alone.
final class ExportPermissionTests: CommandTestCase {
    func testExportedFilesAndNewFoldersAreOwnerOnly() throws {
        XCTAssertEqual(try parley(["send", "--base-url", base + "/v1", "one"]).exitCode, 0)
        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        let id = try XCTUnwrap(items.first?["id"] as? String)
        let second = try parley(["send", "--base-url", base + "/v1", "--conversation", id, "two"])
        XCTAssertEqual(second.exitCode, 0, "two replies make a folder of recordings: \(second.standardError)")
        let home = URL(fileURLWithPath: environment["HOME"]!)
        let markdown = home.appendingPathComponent("talk.md").path
        XCTAssertEqual(try parley(["export", id, "--output", markdown]).exitCode, 0)
        let folder = home.appendingPathComponent("recordings").path
        let raw = try parley(["export", id, "--format", "raw", "--output", folder])
        XCTAssertEqual(raw.exitCode, 0, raw.standardError)
        func mode(_ path: String) throws -> Int {
            try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
        }
        XCTAssertEqual(try mode(markdown), 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertFalse(names.isEmpty, raw.standardError)
        for name in names { XCTAssertEqual(try mode(folder + "/" + name), 0o600, name) }
    }
}
