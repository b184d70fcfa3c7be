import ChatModel
import Foundation
import Providers
import Wire

/// Runs one turn: builds the provider's request, sends it, and reads the response into raw records.
///
/// `parley send`, the workbench and the session controller all run turns through this, so a stream is cut
/// into records and events the same way everywhere.
public struct TurnRunner: Sendable {
    public var provider: any ChatProvider
    public var transport: any HTTPTransport
    public var options: TransportOptions
    /// Seconds since some fixed point; injected so tests control time.
    public var now: @Sendable () -> Double

    public init(
        provider: any ChatProvider, transport: any HTTPTransport, options: TransportOptions = TransportOptions(),
        now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.provider = provider
        self.transport = transport
        self.options = options
        self.now = now
    }

    /// Starts the turn. The returned run yields records as they arrive and ends after the last one.
    public func start(_ turn: TurnRequest) -> TurnRun {
        let request: HTTPRequest
        do {
            request = try provider.makeRequest(for: turn)
        } catch {
            let failure = ProviderError(kind: .decoding, message: "Could not build the request: \(error)")
            let record = RawRecord(kind: .tail, offset: 0, receivedAt: 0, bytes: [], events: [.failed(failure)])
            return TurnRun(request: nil, records: AsyncStream { $0.yield(.records([record])); $0.finish() }, cancel: {})
        }
        let call = transport.start(request, options: options)
        let decoder = provider.makeDecoder()
        let now = self.now
        let started = now()
        let updates = AsyncStream<TurnUpdate> { continuation in
            let task = Task {
                var reader = ResponseReader(decoder: decoder)
                var failure: TransportError?
                do {
                    for try await part in call.parts {
                        switch part {
                        case .head(let head):
                            reader.begin(head)
                            continuation.yield(.head(head, at: now() - started))
                        case .body(let bytes):
                            let records = reader.feed(bytes, at: now() - started)
                            if !records.isEmpty { continuation.yield(.records(records)) }
                        }
                    }
                } catch let error as TransportError {
                    failure = error
                } catch {
                    failure = TransportError(kind: .other, message: "\(error)")
                }
                continuation.yield(.records(reader.finish(at: now() - started, error: failure)))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return TurnRun(request: request, records: updates, cancel: { call.cancel() })
    }
}

/// What a running turn reports, in order.
public enum TurnUpdate: Sendable, Equatable {
    /// The response head, `at` seconds after the request went out.
    case head(HTTPResponseHead, at: Double)
    /// Records completed by the latest bytes.
    case records([RawRecord])
}

/// One turn in flight.
public struct TurnRun: Sendable {
    /// The request as sent (headers included), or `nil` when it could not be built.
    public let request: HTTPRequest?
    public let updates: AsyncStream<TurnUpdate>
    private let cancelAction: @Sendable () -> Void

    init(request: HTTPRequest?, records: AsyncStream<TurnUpdate>, cancel: @escaping @Sendable () -> Void) {
        self.request = request
        self.updates = records
        self.cancelAction = cancel
    }

    /// Cancels the HTTP call; the run then ends with a `cancelled` failure and keeps what had arrived.
    public func cancel() { cancelAction() }
}
