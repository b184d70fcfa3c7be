import Foundation
import ChatModel

/// Which controller run each screen run is, and which store id each workbench conversation has.
///
/// The workbench names conversations with short counters so its snapshots stay stable; the store needs ids
/// that are unique across sessions, so new conversations get a UUID on their first turn. Runs are named the
/// same way: the screen's short run ids map to the controller's `RunID`s, which are also the store's.
final class RunRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var runsByScreenRun: [String: RunID] = [:]
    private var screenRunsByRun: [RunID: String] = [:]
    private var storeIDs: [String: String] = [:]
    private var started: Set<String> = []

    /// Stored conversations keep their own id.
    func markStored(_ id: String) { lock.withLock { storeIDs[id] = id } }

    func storeID(for workbenchID: String) -> String {
        lock.withLock {
            if let id = storeIDs[workbenchID] { return id }
            let id = UUID().uuidString.lowercased()
            storeIDs[workbenchID] = id
            return id
        }
    }

    /// Notes a screen run's controller run; true when it is the first run in that conversation this session.
    func register(_ screenRun: String, run: RunID, conversation: String) -> Bool {
        lock.withLock {
            runsByScreenRun[screenRun] = run
            screenRunsByRun[run] = screenRun
            return started.insert(conversation).inserted
        }
    }

    func run(for screenRun: String) -> RunID? { lock.withLock { runsByScreenRun[screenRun] } }
    func screenRun(for run: RunID) -> String? { lock.withLock { screenRunsByRun[run] } }

    /// Forgets an ended run; returns its screen run.
    func finish(_ run: RunID) -> String? {
        lock.withLock {
            guard let screenRun = screenRunsByRun.removeValue(forKey: run) else { return nil }
            runsByScreenRun[screenRun] = nil
            return screenRun
        }
    }

    var all: [RunID] { lock.withLock { Array(screenRunsByRun.keys) } }
}
