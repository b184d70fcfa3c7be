import FixtureServer
import Foundation
import TestSupport
import XCTest

/// Which scenario answers a request, and how scenario files are read.
final class ScenarioSelectionTests: XCTestCase {
    private let chat = "/v1/chat/completions"

    private func selected(_ path: String, method: String = "POST", prompt: String = "") throws -> String {
        switch try ScenarioLibrary.builtIn().select(method: method, path: path, prompt: prompt) {
        case .scenario(let scenario): return scenario.name
        case .notFound(let message): return "404: \(message)"
        }
    }

    func testBuiltInLibraryServesEveryProviderKind() throws {
        let library = try ScenarioLibrary.builtIn()
        let prefixes = ["openai-", "dify-", "helix-", "bh-", "pais-"]
        for prefix in prefixes {
            XCTAssertTrue(library.scenarios.contains { $0.name.hasPrefix(prefix) }, "no \(prefix) scenario")
        }
        XCTAssertEqual(library.scenarios.filter { name in !prefixes.contains { name.name.hasPrefix($0) } }.map(\.name), [])
        XCTAssertEqual(library.scenarios.filter(\.description.isEmpty).map(\.name), [])
        let routes = library.routes.map(\.description)
        for route in [
            "POST /v1/chat/completions", "POST /v1/chat-messages", "POST /v1/chat-messages/*/stop", "GET /v1/conversations",
            "POST /api/v1/sessions/chat", "GET /api/v1/sessions/*", "POST /bh/create-chat-session", "POST /bh/invoke",
            "POST /api/v1/compatibility/openai/v1/*/*/chat/completions",
        ] {
            XCTAssertTrue(routes.contains(route), "missing \(route)")
        }
    }

    func testPathPrefixForcesAScenario() throws {
        XCTAssertEqual(try selected("/scenario/openai-stall\(chat)", prompt: "weather"), "openai-stall")
        XCTAssertEqual(try selected("/scenario/openai-reset/v1/chat/completions/"), "openai-reset")
    }

    func testPrefixedPathOfAnotherRouteIsRoutedAsUsual() throws {
        XCTAssertEqual(try selected("/scenario/openai-stall/v1/models", method: "GET"), "openai-models")
    }

    func testMatchKeywordsPickScenariosRegardlessOfCase() throws {
        XCTAssertEqual(try selected(chat, prompt: "What's the WEATHER in Tórshavn?"), "openai-tools")
        XCTAssertEqual(try selected(chat, prompt: "please call a tool"), "openai-tools")
        XCTAssertEqual(try selected(chat, prompt: "Think hard"), "openai-reasoning")
        XCTAssertEqual(try selected(chat, prompt: "show me an Error"), "openai-error-500")
    }

    func testRouteDefaultWhenNothingMatches() throws {
        XCTAssertEqual(try selected(chat, prompt: "hello"), "openai-text")
        XCTAssertEqual(try selected(chat + "?stream=1", prompt: ""), "openai-text")
    }

    func testUnknownRouteAndUnknownScenarioSayWhatIsKnown() throws {
        let unknown = try selected("/x")
        XCTAssertTrue(unknown.hasPrefix("404: no scenario for POST /x; known routes: DELETE "), unknown)
        XCTAssertTrue(unknown.contains(", POST /v1/chat/completions, "), unknown)
        XCTAssertTrue(try selected("/scenario/nope/v1/models").hasPrefix("404: no scenario named nope; known scenarios: bh-create-session, bh-delete,"))
    }

    func testDirectoryScenariosAddToAndReplaceBuiltIns() throws {
        let folder = try temporaryFolder()
        try #"{"name":"openai-text","description":"mine","route":{"method":"POST","path":"/v1/chat/completions"},"default":true,"events":[{"data":"[DONE]"}]}"#
            .write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"name":"dify-completion","route":{"method":"post","path":"/v1/completion-messages"},"match":["x"],"events":[{"raw":"hi"}]}"#
            .write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let builtIn = try ScenarioLibrary.builtIn()
        let library = try builtIn.adding(directory: folder)
        XCTAssertEqual(library.scenario(named: "openai-text")?.description, "mine")
        XCTAssertEqual(library.scenarios.count, builtIn.scenarios.count + 1)
        XCTAssertEqual(
            Set(library.routes.map(\.description)).subtracting(builtIn.routes.map(\.description)),
            ["POST /v1/completion-messages"])
        guard case .scenario(let only) = library.select(method: "POST", path: "/v1/completion-messages", prompt: "") else {
            return XCTFail("a route with one scenario answers with it even when its keywords do not match")
        }
        XCTAssertEqual(only.name, "dify-completion")
    }

    func testBrokenScenarioFileNamesTheFileAndTheProblem() throws {
        let folder = try temporaryFolder()
        try #"{"name":"bad","route":{"method":"GET","path":"/"},"events":[{"delay_ms":5}]}"#
            .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScenarioLibrary.load(directory: folder)) { error in
            XCTAssertEqual("\(error)", "bad.json: event 1: needs one of data, comment, raw, raw_base64, body, malformed, stall, reset, drip")
        }
        try #"{"name":"bad","#.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScenarioLibrary.load(directory: folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad.json: invalid JSON at byte"), "\(error)")
        }
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
