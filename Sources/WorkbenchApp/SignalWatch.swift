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
        _ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], onFirst: @escaping @Sendable (Int32) -> Void,
        onSecond: @escaping @Sendable (Int32) -> Void
    ) {
        self.signals = signals
        let heard = Mutex(false)
        var made: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
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
