import FixtureServer

/// Starts a fixture server with the built-in scenarios on a free loopback port, for one test.
public enum RunningFixtureServer {
    /// The started server and its base URL `http://127.0.0.1:PORT`.
    public static func start(library: ScenarioLibrary? = nil) async throws -> (server: FixtureServer, base: String) {
        let server = FixtureServer(library: try library ?? ScenarioLibrary.builtIn())
        let port = try await server.start(host: "127.0.0.1", port: 0)
        return (server, "http://127.0.0.1:\(port)")
    }
}
