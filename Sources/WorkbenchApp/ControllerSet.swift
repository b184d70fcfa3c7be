import ChatModel
import Synchronization
import Sessions

/// The session controllers of the profiles used in this session: one per profile, each with its own runner
/// and journal (so a conversation is stored with the provider and profile that answered it), and which run
/// belongs to which, so a cancel reaches the right one.
final class ControllerSet: Sendable {
    private struct State {
        var byProfile: [String: SessionController] = [:]
        var first: SessionController
        var owners: [RunID: SessionController] = [:]
    }

    private let state: Mutex<State>

    /// Starts with the controller of the profile the workbench opened on (`nil` for an endpoint from flags).
    init(first: SessionController, profile: String?) {
        var initial = State(first: first)
        if let profile { initial.byProfile[profile] = first }
        state = Mutex(initial)
    }

    /// The controller for turns of a conversation owned by `profile`; the first one when it has none.
    func controller(for profile: String?) -> SessionController {
        state.withLock { state in profile.flatMap { state.byProfile[$0] } ?? state.first }
    }

    /// True when `profile` already has a controller.
    func has(_ profile: String) -> Bool { state.withLock { $0.byProfile[profile] != nil } }

    /// Adds the controller of `profile`.
    func add(_ controller: SessionController, for profile: String) {
        state.withLock { $0.byProfile[profile] = controller }
    }

    func noteOwner(_ controller: SessionController, of run: RunID) { state.withLock { $0.owners[run] = controller } }

    func owner(of run: RunID) -> SessionController? { state.withLock { $0.owners[run] } }

    var all: [SessionController] {
        state.withLock { state in
            var seen: [SessionController] = [state.first]
            for controller in state.byProfile.values where !seen.contains(where: { $0 === controller }) { seen.append(controller) }
            return seen
        }
    }
}
