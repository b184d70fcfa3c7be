import ChatModel
import Store
import Synchronization
import Workbench

/// Carries out a replay's effects: waits on the frame clock and posts `replayTick`, and reads a stored run's
/// records for `R`.
///
/// A wait of the same generation counts from when the previous one was due, not from when the loop got to
/// it, so a long replay keeps the recording's pace instead of drifting by each frame's work. A wait of a new
/// generation (after a pause, a step or a new speed) replaces the one in flight.
final class ReplayDriver: Sendable {
    private struct Pending {
        var task: Task<Void, Never>?
        var generation = -1
        var due: Duration = .zero
    }

    private let clock: any FrameClock
    private let queue: ActionQueue
    private let pending = Mutex(Pending())

    init(clock: any FrameClock, queue: ActionQueue) {
        self.clock = clock
        self.queue = queue
    }

    /// Posts `replayTick(generation)` once `seconds` have passed since the last wait of this generation was due.
    func wait(seconds: Double, generation: Int) {
        let clock = self.clock
        let queue = self.queue
        pending.withLock { pending in
            pending.task?.cancel()
            let start = pending.generation == generation ? pending.due : clock.now()
            let due = start + .nanoseconds(Int64((max(0, seconds) * 1e9).rounded()))
            pending.generation = generation
            pending.due = due
            pending.task = Task {
                do {
                    try await clock.sleep(until: due)
                } catch {
                    return
                }
                queue.post(.event(.replayTick(generation: generation)))
            }
        }
    }

    /// Stops the wait in flight.
    func stop() {
        pending.withLock { $0.task?.cancel() }
    }

    /// Reads every record of stored run `runID` off the loop and posts the tape to replay reply `messageID`.
    func load(runID: String, messageID: String, from store: SQLiteStore?, reads: StoreReads) {
        let queue = self.queue
        guard let store else {
            queue.post(.event(.replayLoadFailed("its records are not in memory and there is no store to read them from.")))
            return
        }
        reads.run {
            do {
                guard let run = try store.run(id: runID) else {
                    queue.post(.event(.replayLoadFailed("its run \(runID) is no longer in the store.")))
                    return
                }
                queue.post(.event(.replayLoaded(ReplayTapes.stored(run, messageID: messageID))))
            } catch {
                queue.post(.event(.replayLoadFailed("\(error)")))
            }
        }
    }
}
