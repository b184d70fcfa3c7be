import Dispatch

/// Runs the workbench's store reads (opening a conversation, paging raw records back, a run's request) one after
/// another on a thread of their own, never on the cooperative pool that carries streams and the screen: a slow
/// query, or a file another process holds, delays only the next read, never a reply or a key.
struct StoreReads: Sendable {
    private let queue = DispatchQueue(label: "parley.store-reads", qos: .userInitiated)

    func run(_ read: @escaping @Sendable () -> Void) {
        queue.async(execute: read)
    }
}
