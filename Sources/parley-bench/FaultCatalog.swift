import FixtureServer
import Foundation

/// Every fault of the README's table, in table order.
enum FaultCatalog {
    static let bigEventBytes = 20 << 20
    static let tinyEvents = 100_000

    static var all: [Fault] {
        var faults = [
            Fault(id: "refused", title: "connection refused", serving: .refused, outcome: .fails(arrived: none)),
            Fault(id: "dns", title: "DNS failure (.invalid)", serving: .unresolvable, outcome: .fails(arrived: none)),
            Fault(id: "silent", title: "accepts, never answers", serving: .silent, outcome: .fails(arrived: none)),
            Fault(
                id: "stall", title: "stall mid-stream",
                serving: stream { FaultReply.beginning($0) + [.init(action: .stall(milliseconds: nil))] },
                outcome: .fails(arrived: FaultReply.arrived)),
            Fault(
                id: "reset", title: "reset mid-stream",
                serving: stream { FaultReply.beginning($0) + [.init(delayMilliseconds: 100, action: .reset)] },
                outcome: .fails(arrived: FaultReply.arrived)),
            Fault(
                id: "drip", title: "one byte at a time",
                serving: stream { [.init(action: .drip(bytes: 1, everyMilliseconds: 1))] + FaultReply.events($0) },
                outcome: .completes(text: whole)),
        ]
        for status in [401, 403, 404, 422, 429, 500] {
            faults.append(Fault(
                id: "http-\(status)-json", title: "HTTP \(status), JSON body",
                serving: .scenario(status: status, contentType: "application/json") {
                    [FaultReply.raw($0.errorJSON(status: status))]
                },
                outcome: .fails(arrived: none, mentioning: "\(status)")))
            faults.append(Fault(
                id: "http-\(status)-html", title: "HTTP \(status), HTML body",
                serving: .scenario(status: status, contentType: "text/html") { _ in [FaultReply.raw(html(status))] },
                outcome: .fails(arrived: none, mentioning: "\(status)")))
        }
        faults += [
            Fault(
                id: "truncated-json", title: "truncated JSON",
                serving: stream { provider in
                    guard provider.streams else { return FaultReply.beginning(provider) }
                    let cut = provider.delta(FaultReply.pieces[FaultReply.arrivedPieces])
                    return FaultReply.beginning(provider) + [FaultReply.raw(String(cut.prefix(cut.count / 2)) + "\n\n")]
                },
                outcome: .fails(arrived: FaultReply.arrived)),
            Fault(
                id: "invalid-utf8", title: "invalid UTF-8",
                serving: stream(FaultReply.withInvalidByte), outcome: .completes(text: FaultReply.invalidByteText)),
            Fault(
                id: "open-after-done", title: "[DONE], then the socket stays open",
                serving: stream { FaultReply.events($0) + [.init(action: .stall(milliseconds: nil))] },
                outcome: .completes(text: whole), needsStream: true),
            Fault(
                id: "big-event", title: "one 20 MB event",
                serving: stream { provider in
                    let text = String(repeating: "twenty megabytes ", count: bigEventBytes / 17)
                    guard provider.streams else { return [FaultReply.raw(provider.document(text))] }
                    return [FaultReply.raw(provider.delta(text)), FaultReply.raw(provider.end)]
                },
                outcome: .completesOrNamesLimit),
            Fault(
                id: "tiny-events", title: "100,000 tiny events",
                serving: stream { provider in
                    let one = provider.delta("x")
                    var text = ""
                    text.reserveCapacity(one.utf8.count * tinyEvents)
                    for _ in 0..<tinyEvents { text += one }
                    return [FaultReply.raw(text), FaultReply.raw(provider.end)]
                },
                outcome: .completes(text: { _ in String(repeating: "x", count: tinyEvents) }), needsStream: true),
            Fault(id: "tls", title: "self-signed TLS", serving: .selfSignedTLS, outcome: .fails(arrived: none)),
            Fault(id: "redirect", title: "redirect to another port", serving: .redirect, outcome: .completesOrRefuses),
        ]
        return faults
    }

    /// What the reply text of a fault that struck before any answer is: nothing.
    static func none(_ provider: FaultProvider) -> String { "" }

    /// The whole normal reply.
    static func whole(_ provider: FaultProvider) -> String { FaultReply.text }

    /// A stream scenario (or, for the blocking kind, a JSON document) with a 200 status.
    private static func stream(_ events: @escaping (FaultProvider) -> [ScenarioEvent]) -> Fault.Serving {
        .scenario(status: 200, contentType: "", events: events)
    }

    private static func html(_ status: Int) -> String {
        "<html>\r\n<head><title>\(status) Error</title></head>\r\n<body>\r\n<center><h1>\(status) Error</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    }
}
