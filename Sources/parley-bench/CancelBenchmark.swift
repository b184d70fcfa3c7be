import ChatModel
import Foundation
import Wire

/// How long a cancel takes to end a call mid-stream: `HTTPCall.cancel()` to the end of its parts, over loopback.
///
/// The transport tests prove that a cancel, not a timeout, ends the call; the time it takes is a figure
/// for a quiet machine, so it is measured here instead of bounded in a test that shares two busy cores.
struct CancelBenchmark {
    /// Calls cancelled, each after its first body bytes.
    var rounds = 20

    func run() async throws {
        let server = try StreamServer()
        defer { server.stop() }
        let url = server.baseURL(chunks: 10_000, paced: true) + "/chat/completions"
        let latencies = await Self.measure(url: url, rounds: rounds).sorted()
        guard !latencies.isEmpty else { throw BenchError("no call reached its first body bytes") }
        let median = latencies[latencies.count / 2]
        let worst = latencies[latencies.count - 1]
        print("Parley cancel benchmark (\(latencies.count) paced streams over loopback, cancelled after the first bytes)")
        for (measure, value, goal, limit) in [("cancel to end, median", median, "< 10 ms", 0.01), ("cancel to end, worst", worst, "< 100 ms", 0.1)] {
            Figure(scenario: "paced", client: "CurlTransport", measure: measure, value: String(format: "%.3f ms", value * 1000),
                   target: (goal, value < limit)).print()
        }
    }

    /// Seconds from `cancel()` to the end of the parts, for each call that reached its first body bytes.
    private static func measure(url: String, rounds: Int) async -> [Double] {
        let transport = CurlTransport()
        var latencies: [Double] = []
        for _ in 0..<rounds {
            let request = HTTPRequest(
                method: "POST", url: url, headers: [HTTPHeader("Content-Type", "application/json")], body: Array("{}".utf8))
            let call = transport.start(request, options: TransportOptions(connectTimeout: 5, idleTimeout: 30))
            var cancelledAt: Double?
            do {
                for try await part in call.parts {
                    if case .body = part, cancelledAt == nil {
                        cancelledAt = StoreBenchmark.now()
                        call.cancel()
                    }
                }
            } catch {}
            if let cancelledAt { latencies.append(StoreBenchmark.now() - cancelledAt) }
        }
        return latencies
    }
}
