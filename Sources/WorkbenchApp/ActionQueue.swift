import Foundation
import Workbench

/// The one queue every action goes through: keys from the terminal thread and updates of running turns.
///
/// Consecutive record batches of the same turn are merged as they are posted, so a burst of thousands of
/// records becomes one action and never holds keys back. The merge takes the pending batch out of the queue
/// before appending, so it grows in place instead of being copied on every post.
final class ActionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    private var waiter: CheckedContinuation<Void, Never>?

    func post(_ action: Action) {
        let resume: CheckedContinuation<Void, Never>? = lock.withLock {
            if case .turnRecords(let id, let records) = action,
               case .turnRecords(let lastID, _)? = pending.last, lastID == id,
               case .turnRecords(_, var merged) = pending.removeLast() {
                merged.append(contentsOf: records)
                pending.append(.turnRecords(turnID: id, merged))
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
