import FixtureServer
import Foundation
import TestSupport
import XCTest

/// A test case with the fixture server on a free loopback port and `parley` run in an isolated home (UTC),
/// a folder removed when the test ends.
class CommandTestCase: XCTestCase {
    var server: FixtureServer?
    /// `http://127.0.0.1:PORT`.
    var base = ""
    var environment: [String: String] = [:]

    override func setUp() async throws {
        let (server, base) = try await RunningFixtureServer.start()
        self.server = server
        self.base = base
        environment = ParleyBinary.isolatedEnvironment(in: try makeTemporaryFolder("parley-test"), ["TZ": "UTC"])
    }

    override func tearDown() async throws {
        await server?.stop()
    }

    /// Runs the real binary with this test's environment.
    func parley(_ arguments: [String]) throws -> CommandResult {
        try ParleyBinary.run(arguments, environment: environment)
    }
}
