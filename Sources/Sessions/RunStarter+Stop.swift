import ChatModel
import Foundation
import Synchronization
import Providers
import Wire

extension RunStarter {
    /// Cancels a run: asks the server to stop, then drops the connection after `stopGrace` seconds (the stream
    /// may end by itself before); without a stop request, drops it at once. The stop request is started before
    /// this returns, so it always goes out before the drop, however busy the machine.
    func cancel(_ state: RunCancellation) {
        guard let (call, records) = state.cancel() else { return }
        guard let stopping = provider as? any RemoteStopping, let stop = stopping.stopRequest(after: records) else {
            call.cancel()
            return
        }
        let stopCall = transport.start(stop, options: options)
        let grace = stopGrace
        Task {
            for try await _ in stopCall.parts {}
        }
        Task {
            try? await Task.sleep(nanoseconds: UInt64(grace * 1_000_000_000))
            call.cancel()
        }
    }
}

/// The calls and records of one run, shared between its task and its cancel.
final class RunCancellation: Sendable {
    private struct State {
        var call: HTTPCall?
        var records: [RawRecord] = []
        var cancelled = false
    }

    private let state = Mutex(State())

    /// Starts a call and makes it the current one, unless the run was cancelled already: then nothing is
    /// sent and the answer is `nil` (a cancel right after Enter can arrive before the request goes out).
    func begin(_ start: () -> HTTPCall) -> HTTPCall? {
        if state.withLock(\.cancelled) { return nil }
        let call = start()
        let wasCancelled = state.withLock { state in
            state.call = call
            return state.cancelled
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
        state.withLock { state in
            guard !state.records.contains(where: { $0.kind == .event }) else { return }
            state.records += new.prefix(8)
        }
    }

    /// Marks the run cancelled; returns the current call and the records so far, once.
    func cancel() -> (HTTPCall, [RawRecord])? {
        state.withLock { state in
            guard !state.cancelled else { return nil }
            state.cancelled = true
            return state.call.map { ($0, state.records) }
        }
    }
}
