import Foundation
import ChatModel

/// Which run each turn is, and which store id each workbench conversation has.
///
/// The workbench names conversations with short counters so its snapshots stay stable; the store needs ids
/// that are unique across sessions, so new conversations get a UUID on their first turn.
final class TurnRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var runsByTurn: [String: RunID] = [:]
    private var turnsByRun: [RunID: String] = [:]
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

    /// Notes a turn's run; true when it is the first turn in that conversation this session.
    func register(_ turn: String, run: RunID, conversation: String) -> Bool {
        lock.withLock {
            runsByTurn[turn] = run
            turnsByRun[run] = turn
            return started.insert(conversation).inserted
        }
    }

    func run(for turn: String) -> RunID? { lock.withLock { runsByTurn[turn] } }
    func turn(for run: RunID) -> String? { lock.withLock { turnsByRun[run] } }

    /// Forgets an ended run; returns its turn.
    func finish(_ run: RunID) -> String? {
        lock.withLock {
            guard let turn = turnsByRun.removeValue(forKey: run) else { return nil }
            runsByTurn[turn] = nil
            return turn
        }
    }

    var all: [RunID] { lock.withLock { Array(turnsByRun.keys) } }
}
