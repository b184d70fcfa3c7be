import ChatModel
import Foundation
import Providers
import Wire

/// What a run reports, in order.
public enum RunUpdate: Sendable, Equatable {
    /// A request went out (a run may send more than one: creating a session, then the turn).
    case request(HTTPRequest)
    /// The response head, `at` seconds after the run started.
    case head(HTTPResponseHead, at: Double)
    /// Records completed by the latest bytes.
    case records([RawRecord])
}

/// Receives a run's updates, in order, in the task that drives the run.
public typealias RunDelivery = (RunUpdate) async -> Void

/// A run ready to be driven: `run` drives it in the caller's task (and isolation), `cancel` works from anywhere.
public struct PreparedRun: Sendable {
    let starter: RunStarter
    let turn: TurnRequest
    let state = RunCancellation()

    /// Drives the run to its end, handing each update to `deliver` and waiting for it.
    public func run(isolation: isolated (any Actor)? = #isolation, _ deliver: RunDelivery) async {
        await starter.drive(turn, state: state, isolation: isolation, deliver: deliver)
    }

    /// Cancels the run; it then ends with a `cancelled` failure and keeps what had arrived.
    public func cancel() { starter.cancel(state) }
}

/// One run in flight on its own task, its updates as an async sequence.
public struct RunHandle: Sendable {
    /// The run's updates, in order.
    public let updates: AsyncStream<RunUpdate>
    private let cancelAction: @Sendable () -> Void

    init(updates: AsyncStream<RunUpdate>, cancel: @escaping @Sendable () -> Void) {
        self.updates = updates
        self.cancelAction = cancel
    }

    /// Cancels the run; it then ends with a `cancelled` failure and keeps what had arrived.
    public func cancel() { cancelAction() }
}

extension StreamEvent {
    var isOpened: Bool {
        if case .opened = self { return true }
        return false
    }
}

extension RawRecord {
    /// True when the record carries the protocol's end of the turn: a finish or a failure.
    var endsTurn: Bool {
        events.contains {
            switch $0 {
            case .finished, .failed: return true
            default: return false
            }
        }
    }
}
