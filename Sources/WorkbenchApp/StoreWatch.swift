import ChatModel
import Store

/// Notices what other processes write to the store, so the workbench shows turns recorded by `parley proxy`
/// (or sent by `parley send`) while they stream.
///
/// It polls SQLite's `data_version`, which changes only when some connection commits, and reads the newest
/// conversations when it did: a few microseconds per check while nothing happens.
struct StoreWatch {
    let store: SQLiteStore
    let limit: Int
    let interval: Duration?

    /// Checks every `interval` until the task is cancelled, handing `changed` the newest conversations after
    /// each change.
    func run(_ changed: @Sendable ([Conversation]) -> Void) async {
        guard let interval else { return }
        var seen = try? store.changeCounter()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard let counter = try? store.changeCounter(), counter != seen else { continue }
            seen = counter
            if let stored = try? store.conversations(limit: limit) { changed(stored) }
        }
    }
}
