import Foundation
import Workbench

/// The one queue every action goes through: keys from the terminal thread and updates of running turns.
///
/// Consecutive record batches of the same turn are merged as they are posted, so a burst of thousands of
/// records becomes one action and never holds keys back.
final class ActionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    private var waiter: CheckedContinuation<Void, Never>?

    func post(_ action: Action) {
        let resume: CheckedContinuation<Void, Never>? = lock.withLock {
            if case .turnRecords(let id, let records) = action,
               case .turnRecords(let lastID, let earlier)? = pending.last, lastID == id {
                pending[pending.count - 1] = .turnRecords(turnID: id, earlier + records)
            } else {
                pending.append(action)
            }
            defer { waiter = nil }
            return waiter
        }
        resume?.resume()
    }

    /// Every pending action, waiting for one if there is none.
    func next() async -> [Action] {
        while true {
            let taken = takeAll()
            if !taken.isEmpty { return taken }
            await withCheckedContinuation { continuation in
                let ready = lock.withLock {
                    if !pending.isEmpty { return true }
                    waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Every pending action, without waiting.
    func takeAll() -> [Action] {
        lock.withLock {
            defer { pending = [] }
            return pending
        }
    }
}
