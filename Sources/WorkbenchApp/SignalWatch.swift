import Foundation
import Synchronization

/// Hears SIGINT, SIGTERM and SIGHUP while the workbench runs, so it can stop its replies and store them before
/// it exits, instead of dying with replies half-written.
///
/// The first signal is handed to `onFirst`; a second one means the orderly way out is not wanted or is stuck,
/// and `onSecond` runs (restore the terminal, exit at once). `stop` puts the default handlers back.
final class SignalWatch: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>
    private let signals: [Int32]

    init(
        _ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], interrupts: InterruptGate = InterruptGate(),
        onFirst: @escaping @Sendable (Int32) -> Void, onSecond: @escaping @Sendable (Int32) -> Void
    ) {
        self.signals = signals
        let heard = Mutex(false)
        var made: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGINT, interrupts.isClosed { return }
                let first = heard.withLock { heard in
                    defer { heard = true }
                    return !heard
                }
                if first { onFirst(number) } else { onSecond(number) }
            }
            source.resume()
            made.append(source)
        }
        sources = Mutex(made)
    }

    /// Stops listening and restores the default handlers.
    func stop() {
        sources.withLock { sources in
            sources.forEach { $0.cancel() }
            sources = []
        }
        for number in signals { signal(number, SIG_DFL) }
    }
}

/// Whether SIGINT is for the workbench: while the user's editor runs, a Ctrl-C typed in it reaches the whole
/// foreground process group and is the editor's, not a request to quit (git ignores it the same way).
final class InterruptGate: Sendable {
    private let closed = Mutex(false)

    init() {}

    var isClosed: Bool { closed.withLock { $0 } }

    /// Runs `body` with SIGINT left to the program in the foreground.
    func closed<T>(during body: () async -> T) async -> T {
        closed.withLock { $0 = true }
        defer { closed.withLock { $0 = false } }
        return await body()
    }
}
