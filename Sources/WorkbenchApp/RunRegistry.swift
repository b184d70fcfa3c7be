import Foundation
import Synchronization
import ChatModel

/// Which controller run each screen run is, and which store id each workbench conversation has.
///
/// The workbench names conversations with short counters so its snapshots stay stable; the store needs ids
/// that are unique across sessions, so new conversations get a UUID on their first turn. Runs are named the
/// same way: the screen's short run ids map to the controller's `RunID`s, which are also the store's.
final class RunRegistry: Sendable {
    private struct Maps {
        var runsByScreenRun: [String: RunID] = [:]
        var screenRunsByRun: [RunID: String] = [:]
        var storeIDs: [String: String] = [:]
        var started: Set<String> = []
    }

    private let maps = Mutex(Maps())

    /// Stored conversations keep their own id.
    func markStored(_ id: String) { maps.withLock { $0.storeIDs[id] = id } }

    func storeID(for workbenchID: String) -> String {
        maps.withLock { maps in
            if let id = maps.storeIDs[workbenchID] { return id }
            let id = UUID().uuidString.lowercased()
            maps.storeIDs[workbenchID] = id
            return id
        }
    }

    /// Notes a screen run's controller run; true when it is the first run in that conversation this session.
    func register(_ screenRun: String, run: RunID, conversation: String) -> Bool {
        maps.withLock { maps in
            maps.runsByScreenRun[screenRun] = run
            maps.screenRunsByRun[run] = screenRun
            return maps.started.insert(conversation).inserted
        }
    }

    func run(for screenRun: String) -> RunID? { maps.withLock { $0.runsByScreenRun[screenRun] } }
    func screenRun(for run: RunID) -> String? { maps.withLock { $0.screenRunsByRun[run] } }

    /// Forgets an ended run; returns its screen run.
    func finish(_ run: RunID) -> String? {
        maps.withLock { maps in
            guard let screenRun = maps.screenRunsByRun.removeValue(forKey: run) else { return nil }
            maps.runsByScreenRun[screenRun] = nil
            return screenRun
        }
    }

    var all: [RunID] { maps.withLock { Array($0.screenRunsByRun.keys) } }

    /// True for a store conversation this workbench has run a turn in: its own writes are not news to it.
    func hasRunsIn(storeID: String) -> Bool { maps.withLock { $0.started.contains(storeID) } }
}
