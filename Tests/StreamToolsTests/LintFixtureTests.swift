import ChatModel
import Foundation
import StreamTools
import TestSupport
import Wire
import XCTest

/// Lint on every committed fixture and capture: each file's findings are exactly the rules in the table.
final class LintFixtureTests: XCTestCase {
    /// Expected rule ids per fixture, in stream order. A clean stream or a document expects none.
    static let expected: [String: [String]] = [
        "dify/D0-docs-line.txt": ["sse-unterminated-event"],
        "dify/D1-agent-chat.sse": ["agent-thought-repeated", "sse-event-without-data", "keepalive-cadence"],
        "dify/D2-chatflow.sse": [],
        "dify/D3-error.sse": ["event-error"],
        "dify/D4-message-file-bug.sse": [],
        "dify/D5-blocking.json": [],
        "dify/D6-invalid-param.http": ["http-status"],
        "dify/D6-not-found.http": ["http-status"],
        "dify/D6-unauthorized.http": ["http-status"],
        "dify/D7-conversations.json": [],
        "dify/D8-messages.json": [],
        "dify/dify-0.13-agent-chat.sse": ["agent-thought-repeated"],
        "dify/dify-0.13-blocking.json": [],
        "dify/dify-0.13-chat.sse": [],
        "dify/dify-0.13-conversations.json": [],
        "dify/dify-0.13-messages.json": [],
        "dify/info.json": [],
        "dify/meta.json": [],
        "dify/parameters.json": [],
        "dify/upload.json": [],
        "fakellm/fakellm.yaml": [],
        "helix/H1-basic.sse": [],
        "helix/H2-agent.sse": [],
        "helix/H3-stream-error.sse": ["event-error"],
        "helix/H3b-invalid-error-json.sse": ["json-invalid", "end-missing"],
        "helix/H4-blocking.json": [],
        "helix/H5-legacy-blocking.json": [],
        "helix/H6-image-legacy.sse": ["usage-choices-not-empty", "usage-placement", "done-missing"],
        "helix/H7-bad-request.http": ["http-status"],
        "helix/H8-sessions.json": [],
        "helix/H9-session.json": [],
        "hummingbird/B2-create-request.json": [],
        "hummingbird/B2-create-response.json": [],
        "hummingbird/B2-history.json": [],
        "hummingbird/B2-invoke-request.json": [],
        "hummingbird/B2-invoke-response.json": [],
        "openai/O1-tool-call.sse": ["delta-explicit-null"],
        "openai/fakellm-text.sse": [],
        "openai/fakellm-tools.sse": [],
        "openai/litellm-mock-500-error.http": ["http-status"],
        "openai/litellm-mock-text-usage.sse": ["usage-choices-not-empty"],
        "openai/llamacpp-smollm2-text.sse": [],
        "pais/V1-blocking-docs.json": [],
        "pais/V1-chunk-docs.json": [],
        "pais/V2-blocking.json": [],
        "pais/V3-stream.sse": [],
        "pais/V4-validation.http": ["http-status"],
        "sse/sse-starlette-crlf.body": ["sse-comment", "keepalive-cadence", "sse-crlf", "sse-id-retry"],
        "sse/sse-starlette-crlf.http": ["sse-comment", "keepalive-cadence", "sse-crlf", "sse-id-retry"],
    ]

    func testEveryFixtureHasItsExpectedFindings() throws {
        let root = Fixtures.directory.path
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
                && !$0.hasPrefix("fuzz/")  // the fuzzer's seeds and findings, not streams a server sent
        }.sorted()
        XCTAssertEqual(Set(files), Set(Self.expected.keys), "every fixture needs a row in the table")
        for file in files {
            let report = Linter.lint(try Self.input(try Fixtures.bytes(file)))
            XCTAssertEqual(report.ruleIDs, Self.expected[file] ?? [], file)
            XCTAssertEqual(report.hasErrors, report.findings.contains { $0.severity == .error }, file)
        }
    }

    /// The shared captures of real servers, where they are mounted, give the same findings as their copies.
    func testTheSharedCapturesMatchTheirCopies() throws {
        let captures = "/work/shared/captures"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: captures) else {
            throw XCTSkip("the shared captures are not mounted here")
        }
        for name in names.sorted() {
            let copy = Self.expected.keys.first { $0.hasSuffix("/" + name) }
            let report = Linter.lint(try Self.input([UInt8](try Data(contentsOf: URL(fileURLWithPath: captures + "/" + name)))))
            XCTAssertNotNil(copy, "\(name) has a copy under Tests/Fixtures")
            XCTAssertEqual(report.ruleIDs, copy.flatMap { Self.expected[$0] } ?? [], name)
        }
    }

    func testTheStarletteCaptureNamesWhereItsQuirksAre() throws {
        let report = Linter.lint(try Self.input(try Fixtures.bytes("sse/sse-starlette-crlf.http")))
        let crlf = try XCTUnwrap(report.findings.first { $0.rule == .crlf })
        XCTAssertEqual(crlf.record, 0)
        XCTAssertEqual(crlf.offset, 15, "the end of \": hello comment\"")
        XCTAssertEqual(crlf.count, 19)
        XCTAssertEqual(report.records, 6)
        XCTAssertFalse(report.hasErrors)
    }

    /// A file's bytes as lint reads them: a `curl -i` capture with its head, anything else as a bare body.
    static func input(_ bytes: [UInt8]) throws -> LintInput {
        let response = try RecordedResponse.parse(bytes)
        let head = response.hadHead ? LintInput.Head(status: response.head.status, headers: response.head.headers) : nil
        return LintInput(head: head, body: response.body)
    }
}
