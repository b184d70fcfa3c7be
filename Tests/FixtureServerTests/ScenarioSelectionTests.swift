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

    func testBuiltInLibraryHasEveryOpenAIScenarioOnTwoRoutes() throws {
        let library = try ScenarioLibrary.builtIn()
        XCTAssertEqual(library.scenarios.map(\.name), [
            "openai-drip", "openai-error-500", "openai-in-stream-error", "openai-malformed", "openai-models",
            "openai-no-done", "openai-reasoning", "openai-reset", "openai-stall", "openai-text", "openai-tools",
        ])
        XCTAssertEqual(library.routes.map(\.description), ["GET /v1/models", "POST /v1/chat/completions"])
        XCTAssertTrue(library.scenarios.allSatisfy { !$0.description.isEmpty })
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
        XCTAssertEqual(
            try selected("/x"), "404: no scenario for POST /x; known routes: GET /v1/models, POST /v1/chat/completions")
        XCTAssertTrue(try selected("/scenario/nope/v1/models").hasPrefix("404: no scenario named nope; known scenarios: openai-drip,"))
    }

    func testDirectoryScenariosAddToAndReplaceBuiltIns() throws {
        let folder = try temporaryFolder()
        try #"{"name":"openai-text","description":"mine","route":{"method":"POST","path":"/v1/chat/completions"},"default":true,"events":[{"data":"[DONE]"}]}"#
            .write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"name":"dify-chat","route":{"method":"post","path":"/v1/chat-messages"},"match":["x"],"events":[{"raw":"hi"}]}"#
            .write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let library = try ScenarioLibrary.builtIn().adding(directory: folder)
        XCTAssertEqual(library.scenario(named: "openai-text")?.description, "mine")
        XCTAssertEqual(library.scenarios.count, 12)
        XCTAssertEqual(library.routes.map(\.description), [
            "GET /v1/models", "POST /v1/chat-messages", "POST /v1/chat/completions",
        ])
        guard case .scenario(let only) = library.select(method: "POST", path: "/v1/chat-messages", prompt: "") else {
            return XCTFail("a route with one scenario answers with it even when its keywords do not match")
        }
        XCTAssertEqual(only.name, "dify-chat")
    }

    func testBrokenScenarioFileNamesTheFileAndTheProblem() throws {
        let folder = try temporaryFolder()
        try #"{"name":"bad","route":{"method":"GET","path":"/"},"events":[{"delay_ms":5}]}"#
            .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScenarioLibrary.load(directory: folder)) { error in
            XCTAssertEqual("\(error)", "bad.json: event 1: needs one of data, comment, raw, body, malformed, stall, reset, drip")
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
