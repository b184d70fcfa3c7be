import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `parley lint` and `parley compare` on files and on runs stored by `parley send` against the fixture server.
final class LintCompareCommandTests: CommandTestCase {
    private var home: URL { URL(fileURLWithPath: environment["HOME"]!) }

    /// Sends one prompt through `scenario` and returns the id of the new conversation.
    private func send(_ prompt: String, scenario: String? = nil, status: Int32 = 0) throws -> String {
        let url = base + (scenario.map { "/scenario/\($0)" } ?? "") + "/v1"
        let result = try parley(["send", "--base-url", url, prompt])
        XCTAssertEqual(result.exitCode, status, result.standardError)
        let list = try parley(["conversations", "list", "--json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        return try XCTUnwrap(items.first?["id"] as? String)
    }

    private func jsonObjects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testLintOfAStoredRunNamesTheRuleWhereAndWhy() throws {
        let id = try send("hello", scenario: "openai-no-done")
        let result = try parley(["lint", String(id.prefix(8))])
        XCTAssertEqual(result.exitCode, 0, "warnings only: \(result.standardOutput)\(result.standardError)")
        XCTAssertTrue(result.standardOutput.contains("warning done-missing: The stream ended after a finish_reason without [DONE]."),
                      result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("why: A finish_reason arrived but no [DONE]"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("warning usage-missing"), "send asks for usage: \(result.standardOutput)")
        XCTAssertTrue(result.standardOutput.contains("0 errors, 2 warnings, 0 notes"), result.standardOutput)

        let json = try parley(["lint", "--json", id])
        let findings = try jsonObjects(json.standardOutput)
        XCTAssertEqual(findings.map { $0["rule"] as? String }, ["done-missing", "usage-missing"])
        XCTAssertEqual(findings.first?["severity"] as? String, "warning")
        XCTAssertNotNil(findings.first?["record"] as? Int)
        XCTAssertNotNil(findings.first?["offset"] as? Int)
        XCTAssertEqual(findings.first?["count"] as? Int, 1)
    }

    func testAnErrorFindingExitsWithStatusOne() throws {
        let id = try send("hello", scenario: "openai-malformed", status: 1)
        let result = try parley(["lint", "--json", id])
        XCTAssertEqual(result.exitCode, 1, result.standardError)
        XCTAssertTrue(try jsonObjects(result.standardOutput).contains { $0["rule"] as? String == "json-invalid" }, result.standardOutput)
    }

    func testLintReadsFilesRecordingsAndStandardInput() throws {
        let capture = Fixtures.directory.appendingPathComponent("sse/sse-starlette-crlf.http").path
        let file = try parley(["lint", capture])
        XCTAssertEqual(file.exitCode, 0, file.standardError)
        XCTAssertTrue(file.standardOutput.contains("record 0 @15  note sse-crlf (×19): Lines end in CRLF."), file.standardOutput)

        let broken = Fixtures.directory.appendingPathComponent("helix/H3b-invalid-error-json.sse").path
        let brokenResult = try parley(["lint", "--provider", "helix", broken])
        XCTAssertEqual(brokenResult.exitCode, 1)
        XCTAssertTrue(brokenResult.standardOutput.contains("error json-invalid"), brokenResult.standardOutput)

        let id = try send("hello")
        let export = try parley(["export", id, "--format", "raw"])
        let path = home.appendingPathComponent("reply.parley-recording").path
        try export.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
        let recording = try parley(["lint", "--max-gap", "0.01", path])
        XCTAssertEqual(recording.exitCode, 0, recording.standardError)
        XCTAssertTrue(recording.standardOutput.contains("checked as openai"), recording.standardOutput)
        XCTAssertTrue(recording.standardOutput.contains("warning stream-gap"), "a recording carries its timing: \(recording.standardOutput)")
    }

    func testBadInputSaysWhatToDo() throws {
        let unknown = try parley(["lint", "nothing-like-this"])
        XCTAssertEqual(unknown.exitCode, 64)
        XCTAssertTrue(unknown.standardError.contains("No conversation, message or run has an id starting with nothing-like-this"),
                      unknown.standardError)
        let provider = try parley(["lint", "--provider", "gopher", "x"])
        XCTAssertEqual(provider.exitCode, 64)
        XCTAssertTrue(provider.standardError.contains("Use one of: openai, helix, pais, dify, hummingbird, sse"), provider.standardError)
        let rules = try parley(["lint", "--rules"])
        XCTAssertEqual(rules.exitCode, 0)
        XCTAssertTrue(rules.standardOutput.contains("sse-bom"), rules.standardOutput)
    }

    func testCompareSetsTwoStoredRunsSideBySide() throws {
        let a = try send("hello")
        let b = try send("hello", scenario: "openai-no-done")
        let result = try parley(["compare", String(a.prefix(8)), String(b.prefix(8))])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let lines = result.lines
        for name in ["first byte", "first token", "duration", "completion tokens", "price", "events", "keep-alives",
                     "largest gap", "ended", "steps"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(name) }, "\(name) in \(result.standardOutput)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("ended") && $0.contains("complete (stop)") }, result.standardOutput)
        let diff = try XCTUnwrap(lines.last)
        XCTAssertTrue(diff.contains("[-") && diff.contains("{+"), "markers, not colour, off a terminal: \(diff)")
        XCTAssertFalse(result.standardOutput.contains("\u{1B}"))

        let json = try parley(["compare", "--json", a, b])
        let object = try XCTUnwrap(try jsonObjects(json.standardOutput).first)
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.first { $0["name"] as? String == "events" }.flatMap { $0["change"] as? String }?.hasPrefix("-"), true)
        let pieces = try XCTUnwrap(object["diff"] as? [[String: Any]])
        XCTAssertEqual(pieces.filter { $0["op"] as? String != "added" }.compactMap { $0["text"] as? String }.joined(),
                       (object["a"] as? [String: Any])?["text"] as? String)
    }

    func testCompareOfAnUnknownIdIsAUsageError() throws {
        let a = try send("hello")
        let result = try parley(["compare", a, "ffffffff"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.standardError.contains("No conversation, message or run has an id starting with ffffffff"), result.standardError)
    }
}
