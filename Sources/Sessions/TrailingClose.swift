import Synchronization
import Wire

/// Closes a call the server keeps open after the protocol's end marker, once no bytes came for `grace`.
///
/// A turn ends when its protocol says so (`[DONE]`, Dify's `message_end`, an error event), not when the server
/// closes the socket: some servers and proxies keep it open, which held `parley send` until the idle timeout.
/// Bytes that follow the end marker within the grace (Dify's TTS events) are still read and kept.
final class TrailingClose: Sendable {
    private struct State {
        var parts = 0
        var closed = false
    }

    private let state = Mutex(State())

    /// Notes that a part arrived, which restarts the quiet time.
    func noteArrival() {
        state.withLock { $0.parts += 1 }
    }

    /// True when the call ended because this closed it, not because of the server or the user.
    var closedIt: Bool { state.withLock(\.closed) }

    /// Watches `call` from now on; cancel the returned task when the call ends by itself.
    func watch(_ call: HTTPCall, grace: Double) -> Task<Void, Never> {
        Task {
            var seen = -1
            while !Task.isCancelled {
                let closing = state.withLock { state -> Bool in
                    guard state.parts == seen else { return false }
                    state.closed = true
                    return true
                }
                if closing {
                    call.cancel()
                    return
                }
                seen = state.withLock(\.parts)
                try? await Task.sleep(nanoseconds: UInt64(grace * 1_000_000_000))
            }
        }
    }
}
