import AsyncAlgorithms
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

/// One run in flight.
public struct RunHandle: Sendable {
    /// The run's updates; iterate them to the end (the run waits for each one to be taken).
    public let updates: AsyncChannel<RunUpdate>
    private let cancelAction: @Sendable () -> Void

    init(updates: AsyncChannel<RunUpdate>, cancel: @escaping @Sendable () -> Void) {
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
