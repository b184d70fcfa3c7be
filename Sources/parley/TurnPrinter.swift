import ChatModel
import Foundation
import Sessions
import Synchronization

/// Prints one turn of `parley send` as its updates arrive, on the controller's executor (its observer), and
/// hands over the reply once the run ends.
///
/// Printing in the observer rather than in a task reading `SessionController.updates` saves one task
/// wake-up per update, most of the cost of a chunk on a paced stream.
final class TurnPrinter: Sendable {
    private struct State {
        var printer: EventPrinter
        var outcome: Message??
        var waiter: CheckedContinuation<Message?, Never>?
    }

    private let state: Mutex<State>

    init(_ printer: EventPrinter) {
        state = Mutex(State(printer: printer))
    }

    /// The controller's observer: prints progress, keeps the reply when the run ends.
    func observe(_ update: SessionController.Update) {
        switch update {
        case .progressed(_, let records):
            let outputs = state.withLock { StreamOutput.outputs(for: records, with: &$0.printer) }
            for output in outputs { StreamOutput.write(output) }
        case .ended(let run):
            let waiter = state.withLock { state in
                state.outcome = .some(run.reply)
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: run.reply)
        case .started, .receivedHead:
            break
        }
    }

    /// The reply, once the run has ended.
    func reply() async -> Message? {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state in
                if state.outcome == nil { state.waiter = continuation }
                return state.outcome
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }
}
