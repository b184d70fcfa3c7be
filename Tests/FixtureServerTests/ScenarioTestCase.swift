import FixtureServer
import TestSupport
import XCTest

/// A test case with the fixture server running on a free loopback port for each test.
class ScenarioTestCase: XCTestCase {
    var server: FixtureServer!
    /// `http://127.0.0.1:PORT`.
    var base = ""
    let exchange = ProviderExchange()

    override func setUp() async throws {
        (server, base) = try await RunningFixtureServer.start()
    }

    override func tearDown() async throws {
        await server.stop()
    }
}
