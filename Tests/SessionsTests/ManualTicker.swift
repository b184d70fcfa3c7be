/// A timer a test fires by hand, for the store journal's flusher: `tick` waits until the test calls `fire()`.
///
/// `fire()` returns only once the flusher waits for its next tick again, so the flush that tick caused has
/// run and the test can read the store at once, without sleeping or polling.
actor ManualTicker {
    private var flusher: CheckedContinuation<Void, Never>?
    private var watchers: [CheckedContinuation<Void, Never>] = []

    /// The journal's `tick`: returns at the next `fire()`, or when its task is cancelled.
    nonisolated var tick: @Sendable () async -> Void { { await self.wait() } }

    /// Lets the flusher run one flush; returns when it is waiting for the next tick. Call it only while a
    /// run is open (the flusher runs only then).
    func fire() async {
        await untilWaiting()
        release()
        await untilWaiting()
    }

    private func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { return continuation.resume() }
                flusher = continuation
                for watcher in watchers { watcher.resume() }
                watchers.removeAll()
            }
        } onCancel: {
            Task { await self.release() }
        }
    }

    private func release() {
        flusher?.resume()
        flusher = nil
    }

    private func untilWaiting() async {
        guard flusher == nil else { return }
        await withCheckedContinuation { watchers.append($0) }
    }
}
