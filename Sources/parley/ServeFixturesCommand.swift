import ArgumentParser
import Foundation
import Synchronization
import FixtureServer

/// `parley serve-fixtures`: the scripted loopback server, for testing other clients against Parley's scenarios.
struct ServeFixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-fixtures",
        abstract: "Serve the built-in scenarios (and your own) over HTTP on a loopback port until Ctrl-C.",
        discussion: """
            A path prefix /scenario/NAME/ forces one scenario, e.g. \
            http://127.0.0.1:8089/scenario/openai-stall/v1/chat/completions. Otherwise the route and the \
            scenario's match keywords in the last user message pick one.
            """)

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8089

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "A folder of scenario JSON files to serve besides the built-in ones.")
    var scenarios: String?

    @Flag(help: "List the scenarios and exit.")
    var list = false

    func run() async throws {
        var library = try ScenarioLibrary.builtIn()
        if let scenarios {
            do {
                library = try library.adding(directory: URL(fileURLWithPath: scenarios))
            } catch {
                throw ValidationError("Cannot load scenarios from \(scenarios): \(error)")
            }
        }
        if list {
            // Scenarios from --scenarios are files of anyone's; their text is shown, never obeyed.
            writeText(library.scenarios.map { "\($0.name)\t\($0.route)\t\($0.description)\n" }.joined())
            return
        }
        let server = FixtureServer(library: library)
        let bound: Int
        do {
            bound = try await server.start(host: host, port: port)
        } catch {
            throw ValidationError("Cannot listen on \(host):\(port): \(error). Try another --port, or --port 0 for a free one.")
        }
        var banner = "Serving \(library.scenarios.count) scenarios on http://\(host):\(bound) (Ctrl-C stops)\n"
        for route in library.routes { banner += "  \(route)\n" }
        FileHandle.standardOutput.write(Data(banner.utf8))
        await waitForTerminationSignal()
        await server.stop()
    }
}

/// Suspends until SIGINT or SIGTERM arrives.
func waitForTerminationSignal() async {
    let once = FirstSignal()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if once.isFirst() { continuation.resume() }
            }
            source.resume()
            once.keep(source)
        }
    }
}

/// Lets only the first of several signals resume the waiting task, and keeps the signal sources alive.
private final class FirstSignal: Sendable {
    private let state = Mutex<(fired: Bool, sources: [any DispatchSourceSignal])>((false, []))

    func isFirst() -> Bool {
        state.withLock { state in
            defer { state.fired = true }
            return !state.fired
        }
    }

    func keep(_ source: any DispatchSourceSignal) {
        state.withLock { $0.sources.append(source) }
    }
}
