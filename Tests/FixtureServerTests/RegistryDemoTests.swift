import ChatModel
import FixtureServer
import Providers
import TestSupport
import XCTest

/// The demo is driven by the registry: every registered kind, aimed at the built-in fixture server with its
/// demo settings, gets a whole reply, so a new kind without a demo scenario fails here.
final class RegistryDemoTests: ScenarioTestCase {
    func testEveryRegisteredKindAnswersFromTheBuiltInScenarios() async throws {
        for kind in ProviderKind.allCases {
            let settings = try ProviderCatalog.demoSettings(kind: kind.rawValue, root: base)
            let provider = try ProviderCatalog.provider(for: settings)
            XCTAssertEqual(provider.kind, kind.rawValue)
            let turn = await exchange.turn(provider, prompt: "Hello")
            XCTAssertFalse(turn.events.text.isEmpty, "\(kind): \(turn.events)")
            XCTAssertEqual(turn.events.terminal?.isTerminal, true, "\(kind)")
            if case .failed(let error) = turn.events.terminal { XCTFail("\(kind): \(error)") }
            XCTAssertEqual(provider.credentials, kind.details.credentials.fields(options: settings.options), "\(kind)")
        }
    }
}
