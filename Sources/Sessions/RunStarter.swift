import ChatModel
import Foundation
import Providers
import Wire

/// Starts runs: one attempt at a turn's reply. Builds the provider's request, sends it, and reads the response
/// into raw records.
///
/// `parley send`, the workbench and the session controller all start runs through this, so a stream is cut
/// into records and events the same way everywhere. Providers that need a session before the first turn
/// get one created first; providers whose server can stop a task are asked to on cancel, and the stream is
/// given `stopGrace` seconds to end on its own before the connection is dropped.
public struct RunStarter: Sendable {
    public var provider: any ChatProvider
    public var transport: any HTTPTransport
    public var options: TransportOptions
    /// True when the turns the session controller starts ask for a stream; false asks for one blocking reply
    /// (`send --no-stream`, a profile's `stream: false`).
    public var stream: Bool
    /// Seconds of quiet after the protocol's end marker before a connection the server keeps open is closed.
    public var endGrace: Double
    /// Seconds a cancelled stream may take to end after the server was asked to stop.
    public var stopGrace: Double
    /// Seconds since some fixed point; injected so tests control time.
    public var now: @Sendable () -> Double
    /// A provider with fresh credentials, asked for once when the turn's response head is 401; the turn is
    /// then sent again with it. Short-lived tokens (PAIS OIDC) expire between turns; `nil` keeps the 401.
    public var refreshProvider: (@Sendable () async throws -> any ChatProvider)?

    public init(
        provider: any ChatProvider, transport: any HTTPTransport, options: TransportOptions = TransportOptions(),
        stream: Bool = true, stopGrace: Double = 3, endGrace: Double = 0.25,
        now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
        refreshProvider: (@Sendable () async throws -> any ChatProvider)? = nil
    ) {
        self.refreshProvider = refreshProvider
        self.stream = stream
        self.endGrace = endGrace
        self.provider = provider
        self.transport = transport
        self.options = options
        self.stopGrace = stopGrace
        self.now = now
    }

    /// A run of the turn, ready to go: `run` drives it in the caller's task, `cancel` works from anywhere.
    ///
    /// The session controller runs it inside its own task, so a chunk goes from the transport to the fold
    /// without another task in between; each update is handled before the next bytes are read, so a slow
    /// consumer (a store on a slow disk) slows the reading instead of letting parsed records pile up.
    public func prepare(_ turn: TurnRequest) -> PreparedRun {
        PreparedRun(starter: self, turn: turn)
    }

    /// Starts a run of the turn on its own task; the returned run yields updates as they arrive and ends after
    /// the last record. For tools and tests that iterate; the session controller drives `prepare`d runs.
    public func start(_ turn: TurnRequest) -> RunHandle {
        let prepared = prepare(turn)
        let (updates, continuation) = AsyncStream.makeStream(of: RunUpdate.self)
        let task = Task {
            await prepared.run { continuation.yield($0) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return RunHandle(updates: updates) { prepared.cancel() }
    }

    /// Runs the turn: creates a session first when the provider needs one, sends the turn, and sends it once
    /// more with fresh credentials when the provider allows and the server answered 401.
    func drive(
        _ turn: TurnRequest, state: RunCancellation, isolation: isolated (any Actor)?, deliver: RunDelivery
    ) async {
        let started = now()
        var turn = turn
        if turn.remoteConversationID == nil, let opening = provider as? any SessionOpening {
            let events = await openSession(opening, state: state, started: started, isolation: isolation, deliver: deliver)
            guard case .opened(let id, _)? = events.first(where: \.isOpened) else { return }
            turn.remoteConversationID = id
        }
        let refused = await exchange(
            turn, provider: provider, mayRefresh: refreshProvider != nil, state: state, started: started,
            isolation: isolation, deliver: deliver)
        if refused { await retryRefreshed(turn, state: state, started: started, isolation: isolation, deliver: deliver) }
    }

    /// Sends the turn and reads its response. When `mayRefresh` and the head is 401, it drops the call and
    /// returns true having yielded nothing of the response, so the caller can retry with fresh credentials.
    @discardableResult
    func exchange(
        _ turn: TurnRequest, provider: any ChatProvider, mayRefresh: Bool = false, state: RunCancellation,
        started: Double, isolation: isolated (any Actor)?, deliver: RunDelivery
    ) async -> Bool {
        let request: HTTPRequest
        do {
            request = try provider.makeRequest(for: turn)
        } catch {
            let failure = ProviderError(kind: .decoding, message: "Could not build the request: \(error)")
            await deliver(.records([RawRecord(kind: .tail, offset: 0, receivedAt: 0, bytes: [], events: [.failed(failure)])]))
            return false
        }
        await deliver(.request(request))
        guard let call = state.begin({ transport.start(request, options: options) }) else {
            let failure = ProviderError(kind: .cancelled, message: "Cancelled before the request was sent.")
            await deliver(.records([RawRecord(kind: .tail, offset: 0, receivedAt: 0, bytes: [], events: [.failed(failure)])]))
            return false
        }
        var reader = ResponseReader(decoder: provider.makeDecoder(), endpoint: request.endpoint, limits: options.limits)
        var failure: TransportError?
        let keepsRecords = provider is any RemoteStopping
        let trailing = TrailingClose()
        var watch: Task<Void, Never>?
        defer { watch?.cancel() }
        do {
            reading: for try await part in call.parts {
                trailing.noteArrival()
                switch part {
                case .head(let head):
                    if mayRefresh, head.status == 401 {
                        call.cancel()
                        return true
                    }
                    reader.begin(head)
                    await deliver(.head(head, at: now() - started))
                case .body(let bytes):
                    let records = reader.feed(bytes, at: now() - started)
                    if keepsRecords { state.note(records) }
                    if !records.isEmpty { await deliver(.records(records)) }
                    if reader.isOverLimit {
                        call.cancel()
                        break reading
                    }
                    if watch == nil, records.contains(where: \.endsTurn) { watch = trailing.watch(call, grace: endGrace) }
                }
            }
        } catch let error as TransportError {
            failure = trailing.closedIt ? nil : error
        } catch {
            failure = TransportError(kind: .other, message: "\(error)")
        }
        await deliver(.records(reader.finish(at: now() - started, error: failure)))
        return false
    }
}
