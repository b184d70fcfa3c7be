import Synchronization
import Workbench

/// The one queue every action goes through: keys from the terminal thread and updates of running turns.
///
/// Consecutive record batches of the same turn are merged as they are posted, so a burst of thousands of
/// records becomes one action and never holds keys back. The merge takes the pending batch out of the queue
/// before appending, so it grows in place instead of being copied on every post.
final class ActionQueue: Sendable {
    private struct State {
        var pending: [Action] = []
        var waiter: CheckedContinuation<Void, Never>?
        /// The loop's wait for a stream frame, which a key cuts short.
        var sleeper: Task<Void, Never>?
    }

    private let state = Mutex(State())

    func post(_ action: Action) {
        let resume: CheckedContinuation<Void, Never>? = state.withLock { state in
            if case .event(.runRecords(let id, let records)) = action,
               case .event(.runRecords(let lastID, _))? = state.pending.last, lastID == id,
               case .event(.runRecords(_, var merged)) = state.pending.removeLast() {
                merged.append(contentsOf: records)
                state.pending.append(.event(.runRecords(runID: id, merged)))
            } else {
                state.pending.append(action)
            }
            if case .key = action { state.sleeper?.cancel() }
            defer { state.waiter = nil }
            return state.waiter
        }
        resume?.resume()
    }

    /// Waits until `deadline`, or less if a key is posted meanwhile: a key is drawn at once, not when the
    /// next stream frame is due.
    func sleep(until deadline: Duration, on clock: any FrameClock) async {
        let nap = Task { _ = try? await clock.sleep(until: deadline) }
        let keyWaiting = state.withLock { state in
            state.sleeper = nap
            return Self.hasKey(state.pending)
        }
        if keyWaiting { nap.cancel() }
        await nap.value
        state.withLock { $0.sleeper = nil }
    }

    /// True when the actions include a key.
    static func hasKey(_ actions: [Action]) -> Bool {
        actions.contains { if case .key = $0 { return true } else { return false } }
    }

    /// Every pending action, waiting for one if there is none.
    func next() async -> [Action] {
        while true {
            let taken = takeAll()
            if !taken.isEmpty { return taken }
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if !state.pending.isEmpty { return true }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Every pending action, without waiting.
    func takeAll() -> [Action] {
        state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
    }
}
