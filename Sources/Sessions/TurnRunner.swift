import AsyncAlgorithms
import ChatModel
import Foundation
import Providers
import Wire

/// Runs one turn: builds the provider's request, sends it, and reads the response into raw records.
///
/// `parley send`, the workbench and the session controller all run turns through this, so a stream is cut
/// into records and events the same way everywhere. Providers that need a session before the first turn
/// get one created first; providers whose server can stop a task are asked to on cancel, and the stream is
/// given `stopGrace` seconds to end on its own before the connection is dropped.
public struct TurnRunner: Sendable {
    public var provider: any ChatProvider
    public var transport: any HTTPTransport
    public var options: TransportOptions
    /// Seconds a cancelled stream may take to end after the server was asked to stop.
    public var stopGrace: Double
    /// Seconds since some fixed point; injected so tests control time.
    public var now: @Sendable () -> Double
    /// A provider with fresh credentials, asked for once when the turn's response head is 401; the turn is
    /// then sent again with it. Short-lived tokens (PAIS OIDC) expire between turns; `nil` keeps the 401.
    public var refreshProvider: (@Sendable () async throws -> any ChatProvider)?

    public init(
        provider: any ChatProvider, transport: any HTTPTransport, options: TransportOptions = TransportOptions(),
        stopGrace: Double = 3, now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
        refreshProvider: (@Sendable () async throws -> any ChatProvider)? = nil
    ) {
        self.refreshProvider = refreshProvider
        self.provider = provider
        self.transport = transport
        self.options = options
        self.stopGrace = stopGrace
        self.now = now
    }

    /// Starts the turn. The returned run yields updates as they arrive and ends after the last record.
    ///
    /// Each update waits until the consumer takes it, so a consumer slower than the network (a store on a
    /// slow disk) slows the reading instead of letting parsed records pile up in memory.
    public func start(_ turn: TurnRequest) -> TurnRun {
        let state = TurnRunState()
        let runner = self
        let channel = AsyncChannel<TurnUpdate>()
        Task {
            let started = runner.now()
            var turn = turn
            if turn.remoteConversationID == nil, let opening = runner.provider as? any SessionOpening {
                let events = await runner.openSession(opening, state: state, started: started, channel: channel)
                guard case .opened(let id, _)? = events.first(where: \.isOpened) else {
                    channel.finish()
                    return
                }
                turn.remoteConversationID = id
            }
            let refused = await runner.exchange(
                turn, provider: runner.provider, mayRefresh: runner.refreshProvider != nil, state: state,
                started: started, channel: channel)
            if refused { await runner.retryRefreshed(turn, state: state, started: started, channel: channel) }
            channel.finish()
        }
        return TurnRun(updates: channel) { runner.cancel(state) }
    }

    /// Asks `refreshProvider` for fresh credentials and sends the turn once more; a failure to get them ends
    /// the turn with the 401 and the reason.
    private func retryRefreshed(
        _ turn: TurnRequest, state: TurnRunState, started: Double, channel: AsyncChannel<TurnUpdate>
    ) async {
        guard let refreshProvider else { return }
        let provider: any ChatProvider
        do {
            provider = try await refreshProvider()
        } catch {
            let failure = ProviderError(
                kind: .http, status: 401,
                message: "The server refused the credentials, and getting fresh ones failed: \(error)")
            let record = RawRecord(kind: .tail, offset: 0, receivedAt: now() - started, bytes: [], events: [.failed(failure)])
            await channel.send(.records([record]))
            return
        }
        await exchange(turn, provider: provider, state: state, started: started, channel: channel)
    }

    /// Sends the turn and reads its response. When `mayRefresh` and the head is 401, it drops the call and
    /// returns true having yielded nothing of the response, so the caller can retry with fresh credentials.
    @discardableResult
    private func exchange(
        _ turn: TurnRequest, provider: any ChatProvider, mayRefresh: Bool = false, state: TurnRunState,
        started: Double, channel: AsyncChannel<TurnUpdate>
    ) async -> Bool {
        let request: HTTPRequest
        do {
            request = try provider.makeRequest(for: turn)
        } catch {
            let failure = ProviderError(kind: .decoding, message: "Could not build the request: \(error)")
            await channel.send(.records([RawRecord(kind: .tail, offset: 0, receivedAt: 0, bytes: [], events: [.failed(failure)])]))
            return false
        }
        await channel.send(.request(request))
        guard let call = state.begin(transport.start(request, options: options)) else {
            let failure = ProviderError(kind: .cancelled, message: "Cancelled before the request was sent.")
            await channel.send(.records([RawRecord(kind: .tail, offset: 0, receivedAt: 0, bytes: [], events: [.failed(failure)])]))
            return false
        }
        var reader = ResponseReader(decoder: provider.makeDecoder())
        var failure: TransportError?
        let keepsRecords = provider is any RemoteStopping
        do {
            for try await part in call.parts {
                switch part {
                case .head(let head):
                    if mayRefresh, head.status == 401 {
                        call.cancel()
                        return true
                    }
                    reader.begin(head)
                    await channel.send(.head(head, at: now() - started))
                case .body(let bytes):
                    let records = reader.feed(bytes, at: now() - started)
                    if keepsRecords { state.note(records) }
                    if !records.isEmpty { await channel.send(.records(records)) }
                }
            }
        } catch let error as TransportError {
            failure = error
        } catch {
            failure = TransportError(kind: .other, message: "\(error)")
        }
        await channel.send(.records(reader.finish(at: now() - started, error: failure)))
        return false
    }

    /// Creates the remote session; yields its record and returns its events (`opened` or `failed`).
    private func openSession(
        _ opening: any SessionOpening, state: TurnRunState, started: Double,
        channel: AsyncChannel<TurnUpdate>
    ) async -> [StreamEvent] {
        let events: [StreamEvent]
        var bytes: [UInt8] = []
        do {
            let request = try opening.openSessionRequest()
            await channel.send(.request(request))
            guard let call = state.begin(transport.start(request, options: options)) else { return [] }
            var status = 0
            for try await part in call.parts {
                switch part {
                case .head(let head): status = head.status
                case .body(let chunk): bytes += chunk
                }
            }
            events = opening.sessionOpened(status: status, body: bytes)
        } catch let error as TransportError {
            events = [.failed(ResponseReader.providerError(for: error))]
        } catch {
            events = [.failed(ProviderError(kind: .decoding, message: "Could not create the session: \(error)"))]
        }
        await channel.send(.records([RawRecord(kind: .document, offset: 0, receivedAt: now() - started, bytes: bytes, events: events)]))
        return events
    }

    private func cancel(_ state: TurnRunState) {
        guard let (call, records) = state.cancel() else { return }
        guard let stopping = provider as? any RemoteStopping, let stop = stopping.stopRequest(after: records) else {
            call.cancel()
            return
        }
        let transport = self.transport
        let options = self.options
        let grace = stopGrace
        Task {
            let stopCall = transport.start(stop, options: options)
            for try await _ in stopCall.parts {}
        }
        Task {
            try? await Task.sleep(nanoseconds: UInt64(grace * 1_000_000_000))
            call.cancel()
        }
    }
}

/// The calls and records of one run, shared between its task and its cancel.
private final class TurnRunState: @unchecked Sendable {
    private let lock = NSLock()
    private var call: HTTPCall?
    private var records: [RawRecord] = []
    private var cancelled = false

    /// Makes `call` the current one; cancels it and returns `nil` if the run was already cancelled.
    func begin(_ call: HTTPCall) -> HTTPCall? {
        let wasCancelled = lock.withLock {
            self.call = call
            return cancelled
        }
        if wasCancelled {
            call.cancel()
            return nil
        }
        return call
    }

    /// Keeps the first records up to the first dispatched event: what a stop request needs (Dify's task id is
    /// in every event) without holding on to a long stream.
    func note(_ new: [RawRecord]) {
        lock.withLock {
            guard !records.contains(where: { $0.kind == .event }) else { return }
            records += new.prefix(8)
        }
    }

    /// Marks the run cancelled; returns the current call and the records so far, once.
    func cancel() -> (HTTPCall, [RawRecord])? {
        lock.withLock {
            guard !cancelled else { return nil }
            cancelled = true
            return call.map { ($0, records) }
        }
    }
}

/// What a running turn reports, in order.
public enum TurnUpdate: Sendable, Equatable {
    /// A request went out (a turn may send more than one: creating a session, then the turn).
    case request(HTTPRequest)
    /// The response head, `at` seconds after the turn started.
    case head(HTTPResponseHead, at: Double)
    /// Records completed by the latest bytes.
    case records([RawRecord])
}

/// One turn in flight.
public struct TurnRun: Sendable {
    /// The run's updates; iterate them to the end (the run waits for each one to be taken).
    public let updates: AsyncChannel<TurnUpdate>
    private let cancelAction: @Sendable () -> Void

    init(updates: AsyncChannel<TurnUpdate>, cancel: @escaping @Sendable () -> Void) {
        self.updates = updates
        self.cancelAction = cancel
    }

    /// Cancels the turn; it then ends with a `cancelled` failure and keeps what had arrived.
    public func cancel() { cancelAction() }
}

extension StreamEvent {
    var isOpened: Bool {
        if case .opened = self { return true }
        return false
    }
}
