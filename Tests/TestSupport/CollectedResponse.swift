import Foundation
import Wire

/// Everything one `HTTPCall` delivered, in order, with when each part arrived.
public struct CollectedResponse: Sendable {
    /// One delivered part and the seconds since the start (see `collect`).
    public struct Arrival: Sendable {
        public var part: HTTPStreamPart
        public var at: Double
    }

    public var arrivals: [Arrival] = []
    /// The error `parts` ended with, if any.
    public var failure: TransportError?
    /// Some other error than a `TransportError`, described.
    public var unexpectedError: String?
    /// Seconds from the start (see `collect`) to the end of `parts`.
    public var endedAt: Double = 0

    public var head: HTTPResponseHead? {
        arrivals.lazy.compactMap { if case .head(let head) = $0.part { return head } else { return nil } }.first
    }

    /// The body chunks, in order.
    public var chunks: [[UInt8]] {
        arrivals.compactMap { if case .body(let bytes) = $0.part { return bytes } else { return nil } }
    }

    public var body: [UInt8] { chunks.flatMap { $0 } }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// True when exactly one head came, and before every body chunk.
    public var headCameFirst: Bool {
        guard case .head? = arrivals.first?.part else { return false }
        return arrivals.dropFirst().allSatisfy { if case .body = $0.part { return true } else { return false } }
    }

    /// Reads a call to its end; `onPart` may cancel it or note times. Times count from `start`, which a test
    /// that compares them with the server's pauses takes before starting the call, so no delay in starting
    /// to collect can shorten them.
    public static func collect(
        _ call: HTTPCall, since start: Date = Date(), onPart: (HTTPStreamPart, _ index: Int) -> Void = { _, _ in }
    ) async -> CollectedResponse {
        var result = CollectedResponse()
        do {
            for try await part in call.parts {
                result.arrivals.append(Arrival(part: part, at: Date().timeIntervalSince(start)))
                onPart(part, result.arrivals.count - 1)
            }
        } catch let error as TransportError {
            result.failure = error
        } catch {
            result.unexpectedError = "\(error)"
        }
        result.endedAt = Date().timeIntervalSince(start)
        return result
    }
}
